create sequence stock_label_seq nocache;
create table warehouse (
    id bigint auto_increment primary key,
    name varchar(100) not null,
    label bigint not null default nextval(stock_label_seq)
);
create table stock_item (
    id bigint auto_increment primary key,
    warehouse_id bigint not null,
    sku varchar(40) not null,
    quantity integer not null,
    constraint stock_item_warehouse foreign key (warehouse_id) references warehouse (id)
);
create sequence stock_batch_seq nocache;
create view stock_level as
    select w.name, sum(s.quantity) as quantity from warehouse w join stock_item s on s.warehouse_id = w.id group by w.name;
create trigger stock_item_sku before insert on stock_item for each row set new.sku = upper(new.sku);
create function stock_total() returns integer reads sql data return (select sum(quantity) from stock_item);
