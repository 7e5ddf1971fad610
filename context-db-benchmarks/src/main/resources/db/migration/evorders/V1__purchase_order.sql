create table purchase_order (id bigint primary key, lines integer not null);
