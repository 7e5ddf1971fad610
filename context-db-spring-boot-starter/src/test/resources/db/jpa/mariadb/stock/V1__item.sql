create sequence item_seq start with 1 increment by 1;
create table item (id bigint primary key, name varchar(100), quantity int not null);
