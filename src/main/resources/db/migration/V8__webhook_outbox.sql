-- Outbound webhooks (channels feature): one row per delivery, written in the handoff's wake and sent by
-- any node's dispatcher. A row is pending while next_attempt_at is set; delivered_at or given_up_at
-- ends it. A dispatcher claims a row by setting claim_token and leased_until, so a second node skips
-- it until the lease runs out (a node that dies mid-send leaves the row to be retried, not lost).
create table webhook_deliveries (
  id              uuid            primary key,
  idempotency_key varchar(100)    not null,
  endpoint        varchar(64)     not null,
  url             varchar(2000)   not null,
  event           varchar(64)     not null,
  payload         varchar(2000000) not null,
  created_at      timestamp with time zone not null,
  attempts        integer         not null,
  next_attempt_at timestamp with time zone,
  claim_token     uuid,
  leased_until    timestamp with time zone,
  last_status     integer,
  last_error      varchar(1000),
  delivered_at    timestamp with time zone,
  given_up_at     timestamp with time zone,
  constraint webhook_deliveries_idempotency_key unique (idempotency_key)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at);
