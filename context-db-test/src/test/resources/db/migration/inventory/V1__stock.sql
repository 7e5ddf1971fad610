create table stock (sku varchar(32) not null, quantity int not null);
