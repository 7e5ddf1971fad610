-- A sequence of the context's own, behind no column: the move sets it to where the source's stands.
create sequence ticket_number start with 1000;
