create table customer_order (
    id          varchar(36)  primary key,
    customer    varchar(100) not null,
    product_id  bigint       not null,
    quantity    integer      not null,
    total_cents bigint       not null
);
