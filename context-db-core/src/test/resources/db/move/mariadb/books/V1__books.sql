create table book_entry (
    id bigint auto_increment primary key,
    text varchar(100) not null
);
insert into book_entry (text) values ('kept');
