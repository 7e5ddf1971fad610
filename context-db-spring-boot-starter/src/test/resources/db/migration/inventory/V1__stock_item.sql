create table stock_item (sku varchar(40) primary key, quantity int not null);
