create table shipment (order_id bigint primary key);
