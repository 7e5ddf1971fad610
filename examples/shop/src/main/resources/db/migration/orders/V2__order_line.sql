-- Orders became a Spring Data JDBC aggregate: an order's product and quantity move to its lines
-- (order_line, in list order by customer_order_key), and a version tells new orders from saved ones.
create table order_line (
    customer_order     varchar(36) not null references customer_order (id),
    customer_order_key integer     not null,
    product_id         bigint      not null,
    quantity           integer     not null,
    price_cents        bigint      not null,
    primary key (customer_order, customer_order_key)
);
insert into order_line (customer_order, customer_order_key, product_id, quantity, price_cents)
    select id, 0, product_id, quantity, total_cents / quantity from customer_order;
alter table customer_order drop column product_id;
alter table customer_order drop column quantity;
alter table customer_order add column version bigint default 0 not null;
