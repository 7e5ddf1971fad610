create table tracked (parcel_id bigint primary key);
