create table product (id bigint auto_increment primary key, name varchar(100) not null);
create table product_tag (product bigint not null references product (id), product_key int not null,
    tag varchar(50) not null, primary key (product, product_key));
