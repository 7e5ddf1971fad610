create table purchase (id bigint primary key, item varchar(20) not null);
