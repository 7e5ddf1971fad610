insert into product (id, name, price_cents) values (1, 'Teapot', 2500);
insert into product (id, name, price_cents) values (2, 'Kettle', 4000);
insert into product (id, name, price_cents) values (3, 'Cup', 600);
