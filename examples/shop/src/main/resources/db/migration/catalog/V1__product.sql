create table product (
    id          bigint       primary key,
    name        varchar(100) not null,
    price_cents bigint       not null
);
