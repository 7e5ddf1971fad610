create table entry (id bigint primary key, amount integer not null);
