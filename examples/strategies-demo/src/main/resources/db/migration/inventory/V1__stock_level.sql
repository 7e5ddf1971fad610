create table stock_level (
    product_id bigint  primary key,
    quantity   integer not null
);
