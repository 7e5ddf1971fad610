create table entry (id bigint primary key, note varchar(200) not null);
