-- Ünïcödé in a comment: the checksum depends on reading the script in the right encoding.
create table mixed_thing (id int primary key, name varchar(50) not null);
