create table sound_thing (id bigint primary key);
