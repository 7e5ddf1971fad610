create table shipment (id bigint auto_increment primary key, destination varchar(100));
create table shipment_note (shipment_id bigint not null, note varchar(200));
