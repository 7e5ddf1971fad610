create table bottle (
    id   bigint primary key,
    wine varchar(100) not null
);
insert into bottle (id, wine) values (1, 'Riesling');
