-- Audit entries written inside a domain transaction wait here until they are chained (docs/audit-log.md).
-- The domain transaction only inserts a row, so it takes no lock shared with other transactions; right
-- after it commits, the chain is extended in a short transaction of its own that locks the head once for
-- every entry waiting (a group commit), in id order. A row left behind by a node that died between the
-- two steps is chained by the next append, read or scheduled pass on any node.
create table audit_pending (
  id          bigint generated always as identity primary key,
  occurred_at timestamp with time zone not null,
  actor       varchar(200)  not null,
  action      varchar(64)   not null,
  subject     varchar(200)  not null,
  details     varchar(100000) not null
);
