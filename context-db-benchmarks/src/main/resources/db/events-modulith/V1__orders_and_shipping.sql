create table purchase_order (id bigint primary key);
create table shipment (order_id bigint primary key);
