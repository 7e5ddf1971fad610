create table posting (id bigint primary key, amount bigint not null);
