insert into warehouse (name) values ('north'), ('south');
insert into stock_item (warehouse_id, sku, quantity) values (1, 'a-1', 5), (1, 'b-2', 7), (2, 'c-3', 1);
select nextval('stock_batch_seq');
