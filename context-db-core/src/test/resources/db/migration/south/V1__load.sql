create table emitted (
    id bigint primary key
);
-- No key: a duplicate effect must show up as a second row.
create table effect (
    event_id bigint not null
);
