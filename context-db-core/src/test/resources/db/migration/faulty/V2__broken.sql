alter table no_such_table add column oops integer;
