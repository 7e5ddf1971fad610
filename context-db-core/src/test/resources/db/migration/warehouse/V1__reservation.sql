create table reservation (sale_id bigint primary key, sku varchar(20) not null);
