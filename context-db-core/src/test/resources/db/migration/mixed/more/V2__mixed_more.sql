alter table mixed_thing add column size_cm int;
