create table receipt (
    id    bigint primary key,
    total integer not null
);
