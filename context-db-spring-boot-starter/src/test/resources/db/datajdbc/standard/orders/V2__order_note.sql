-- Quoted: Spring Data quotes the name given in @Sequence as written, and H2 upper-cases unquoted names.
create sequence "order_note_seq" start with 100;
create table order_note (id bigint primary key, text varchar(200) not null);
