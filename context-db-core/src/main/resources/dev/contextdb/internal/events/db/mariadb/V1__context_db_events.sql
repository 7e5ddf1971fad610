-- context-db: events between contexts. The outbox and the deliveries hold what this context
-- publishes; the inbox what its listeners have applied. Times are epoch milliseconds, the same
-- for every instance whatever its time zone.
create table ${outbox} (
    id varchar(36) primary key,
    event_type varchar(500) not null,
    payload longtext not null,
    event_key varchar(200),
    published_at bigint not null
);
create table ${delivery} (
    id bigint auto_increment primary key,
    event_id varchar(36) not null,
    listener_id varchar(300) not null,
    listener_context varchar(48) not null,
    event_key varchar(200),
    status varchar(8) not null,
    attempts integer not null,
    next_attempt_at bigint not null,
    lease_owner varchar(100),
    lease_until bigint,
    last_error varchar(2000),
    done_at bigint
);
create index ${index}_due on ${delivery} (status, next_attempt_at);
create index ${index}_key on ${delivery} (listener_id, event_key, id);
create index ${index}_event on ${delivery} (event_id);
create table ${inbox} (
    event_id varchar(36) not null,
    listener_id varchar(300) not null,
    received_at bigint not null,
    primary key (event_id, listener_id)
);
