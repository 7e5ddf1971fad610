create table product (sku varchar(32) primary key, name varchar(100) not null);
insert into product(sku, name) values ('tea', 'Green tea');
