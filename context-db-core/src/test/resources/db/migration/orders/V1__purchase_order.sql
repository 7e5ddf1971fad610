create table purchase_order (
    id         bigint  primary key,
    product_id bigint  not null,
    quantity   integer not null
);
