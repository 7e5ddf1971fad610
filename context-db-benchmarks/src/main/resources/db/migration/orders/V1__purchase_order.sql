create table purchase_order (id bigint primary key);
