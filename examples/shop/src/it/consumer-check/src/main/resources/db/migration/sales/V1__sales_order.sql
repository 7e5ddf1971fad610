create table sales_order (id varchar(36) primary key, customer varchar(100) not null, version bigint not null);
create table sales_line (sales_order varchar(36) not null references sales_order (id), product varchar(100) not null,
    quantity integer not null);
