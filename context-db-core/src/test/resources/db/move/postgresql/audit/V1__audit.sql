create table audit_note (
    id bigint primary key,
    warehouse_id bigint,
    constraint audit_note_warehouse foreign key (warehouse_id) references warehouse (id)
);
