create table stock (
    product_id bigint  primary key,
    quantity   integer not null
);
