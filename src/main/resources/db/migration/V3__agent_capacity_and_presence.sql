-- Routing: how many conversations an agent may hold at once, and whether they are there to take one.
alter table agents add column capacity integer default 3 not null;
alter table agents add column presence varchar(16) default 'offline' not null;
alter table agents add column last_seen timestamp with time zone;
alter table agents add constraint agents_capacity_check check (capacity between 0 and 100);
alter table agents add constraint agents_presence_check check (presence in ('online', 'away', 'offline'));
