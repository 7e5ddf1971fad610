create table sale (id bigint primary key, sku varchar(20) not null);
