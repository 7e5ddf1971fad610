create table parcel (id bigint primary key, label varchar(1000) not null unique);
