insert into warehouse (name) values ('north'), ('south');
insert into kind (code, label) values ('bulk', 'Bulk goods'), ('cold', 'Cold chain');
