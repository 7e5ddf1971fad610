create table product (id bigint auto_increment primary key, name varchar(100) not null);
create table product_tag (product_id bigint not null references product (id), tag_index int not null,
    tag varchar(50) not null, primary key (product_id, tag_index));
