create table customer_order (
    id         bigint  primary key,
    product_id bigint  not null,
    quantity   integer not null
);
