create table warehouse (
    id   bigint auto_increment primary key,
    name varchar(100) not null unique
);
create table kind (
    code  varchar(20) primary key,
    label varchar(100)
);
create table item (
    id           bigint auto_increment primary key,
    warehouse_id bigint not null,
    kind_code    varchar(20),
    sku          varchar(40) not null,
    quantity     integer not null,
    price        decimal(12, 2),
    note         text,
    added_at     datetime(6) not null,
    foreign key (warehouse_id) references warehouse (id),
    foreign key (kind_code) references kind (code)
);
