create table shipment (sku varchar(32) not null, quantity int not null);
