-- The audit log: who did what to which conversation, append-only and hash-chained (docs/audit-log.md).
-- Each row's hash covers its own fields and the previous row's hash, so editing, removing or
-- reordering a row breaks the chain at that row. occurred_at is stored at microsecond precision,
-- exactly as it was hashed, because PostgreSQL keeps no finer.
create table audit_log (
  seq         bigint        primary key,
  occurred_at timestamp with time zone not null,
  actor       varchar(200)  not null,
  action      varchar(64)   not null,
  subject     varchar(200)  not null,
  details     varchar(100000) not null,
  prev_hash   varchar(64)   not null,
  hash        varchar(64)   not null,
  constraint audit_log_seq_check check (seq >= 1)
);
create index audit_log_subject on audit_log (subject, seq);

-- The end of the chain, one row. Every append locks it (select … for update) in its transaction,
-- reads the last seq, hash and time, inserts the next entry and moves the head: that lock is what
-- makes seq gapless and the chain linear across threads and across server nodes on one database.
-- It also lets verify notice entries removed from the end.
create table audit_chain_head (
  id          integer     primary key,
  last_seq    bigint      not null,
  last_hash   varchar(64) not null,
  last_at     timestamp with time zone,
  constraint audit_chain_head_one_row check (id = 1)
);
insert into audit_chain_head (id, last_seq, last_hash, last_at)
  values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', null);
