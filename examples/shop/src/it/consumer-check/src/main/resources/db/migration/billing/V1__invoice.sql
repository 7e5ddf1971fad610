create table invoice (amount_cents bigint not null);
