create table posting (sale_id bigint primary key);
create table tally (sale_id bigint primary key);
