create sequence order_note_seq start with 100;
create table order_note (id bigint primary key, text varchar(200) not null);
