create table product (id int primary key, name varchar(40) not null);
insert into product (id, name) values (1, 'tea');
insert into product (id, name) values (2, 'cup');
insert into product (id, name) values (3, 'pot');
