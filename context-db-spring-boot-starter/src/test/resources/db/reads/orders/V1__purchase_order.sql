create table purchase_order (id int primary key, product_id int not null, quantity int not null);
