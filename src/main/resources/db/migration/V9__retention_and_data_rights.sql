-- Data rights and retention (compliance feature, docs/compliance.md and docs/audit-log.md).

-- Where the audit chain starts once old entries were purged under the retention policy: the seq, hash
-- and time of the last entry removed. Verification starts from here instead of seq 0, and the chain
-- must hold a retention_purge entry naming exactly this checkpoint (so a prefix deleted without a
-- recorded purge is found). 0 and 64 zeros: nothing was ever purged.
alter table audit_chain_head add column purged_seq bigint default 0 not null;
alter table audit_chain_head add column purged_hash varchar(64)
  default '0000000000000000000000000000000000000000000000000000000000000000' not null;
alter table audit_chain_head add column purged_at timestamp with time zone;

-- Secrets the server makes for itself on first use and every node must share, e.g. the key of the
-- customer pseudonyms in the audit log. Kept in the database so the server, its other nodes and the
-- command line agree without configuration.
create table server_secrets (
  name       varchar(64)  primary key,
  secret     varchar(200) not null,
  created_at timestamp with time zone not null
);

-- The retention purge looks for closed conversations by closing time.
create index conversations_closed on conversations (state, resolved_at);
