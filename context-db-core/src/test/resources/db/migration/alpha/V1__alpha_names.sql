create view alpha_names as select name from zulu_item;
