-- Sessions end after a spell of idleness as well as at their absolute expiry (docs/security.md).
alter table agent_sessions add column last_used_at timestamp with time zone;
update agent_sessions set last_used_at = created_at;
alter table agent_sessions alter column last_used_at set not null;
