create table sale (id bigint primary key);
