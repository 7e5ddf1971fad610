create table invoice (id bigint primary key, sale_id bigint not null);
