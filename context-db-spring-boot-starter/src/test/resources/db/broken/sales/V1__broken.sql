create table sale (id bigint primary key, amount int not null);
this is not sql;
