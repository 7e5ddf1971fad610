create table zulu_item (id bigint primary key, name varchar(50) not null);
