create table faulty_thing (id bigint primary key);
