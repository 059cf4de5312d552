-- One row naming the cluster: every node on this database reads the same id, so nodes sharing a
-- Redis server exchange live events only with nodes of their own cluster (their channel prefix).
create table cluster_identity (
  singleton  int         primary key check (singleton = 1),
  id         varchar(64) not null
);
