create table ledger_entry (sale_id bigint not null, item varchar(20) not null);
