create table purchase_order (id bigint auto_increment primary key, customer varchar(100) not null);
create table order_line (purchase_order bigint not null references purchase_order (id), product varchar(100) not null,
    quantity int not null);
create table order_event (id bigint auto_increment primary key, description varchar(200) not null);
