-- The decision log: one row per customer turn the bot decided, with its signals, rule and evidence
-- as JSON. Append-only; the bot reads it back to continue checklists and clarifying questions.
create table decisions (
  conversation_id uuid           not null references conversations (id),
  seq             bigint         not null,
  action          varchar(16)    not null,
  body            varchar(200000) not null,
  created_at      timestamp with time zone not null,
  primary key (conversation_id, seq),
  constraint decisions_action_check check (action in ('answer', 'clarify', 'collect', 'handoff'))
);

-- Which tier a handoff went to, and the context packet the agent sees (JSON, schema version 1).
alter table handoffs add column tier_id varchar(64);
alter table handoffs add column packet varchar(1000000);
