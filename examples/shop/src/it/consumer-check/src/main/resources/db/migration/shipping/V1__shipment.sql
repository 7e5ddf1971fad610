create sequence shipment_seq start with 1 increment by 1;
create table shipment (id bigint primary key, destination varchar(100) not null);
