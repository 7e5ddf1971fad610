insert into stock (product_id, quantity) values (1, 5);
insert into stock (product_id, quantity) values (2, 2);
insert into stock (product_id, quantity) values (3, 40);
