create table till_sale (id bigint primary key, item varchar(20) not null);
