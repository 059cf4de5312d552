-- One row naming the cluster: every node on this database reads the same id, so nodes sharing a
-- Redis server exchange live events only with nodes of their own cluster (their channel prefix).
create table cluster_identity (
  singleton  int         primary key check (singleton = 1),
  id         varchar(64) not null
);

-- Leases for jobs that must run on one node of the cluster at a time (polling a mailbox or a website):
-- the holder renews before it expires; when a node dies, another takes over after expiry.
create table job_leases (
  job         varchar(100) primary key,
  holder      varchar(100) not null,
  expires_at  timestamp with time zone not null
);
