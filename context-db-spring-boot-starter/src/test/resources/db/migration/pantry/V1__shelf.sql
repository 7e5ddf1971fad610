create table shelf (purchase_id bigint primary key, item varchar(20) not null);
