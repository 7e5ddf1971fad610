create table audit_entry (order_id bigint not null, line integer not null, primary key (order_id, line));
