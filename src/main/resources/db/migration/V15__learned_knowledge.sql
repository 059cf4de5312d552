-- The learning loop: knowledge entries proposed from resolved conversations whose agent marked the
-- answer reusable, reviewed by a supervisor. Approved entries are indexed like FAQ entries and cited
-- at /kb/learned/{slug}; they live here (not in files) so they survive restarts and re-deploys.
-- Owned by the knowledge feature; handoff, conversation and agent ids are kept as plain values (no
-- foreign keys), since the entry outlives retention of the conversation it came from.
create table learned_knowledge (
  id              uuid          primary key,
  state           varchar(16)   not null,  -- proposed, approved, rejected
  question        varchar(500)  not null,  -- the title, and the main way customers ask
  phrasings       varchar(8000) not null,  -- JSON array of other ways they asked, personal data removed
  answer          varchar(4000) not null,
  slug            varchar(120)  unique,    -- set on approval: /kb/learned/{slug}
  handoff_id      uuid          unique,    -- one proposal per resolved handoff
  conversation_id uuid,
  proposed_by     uuid,                    -- the agent who resolved
  created_at      timestamp with time zone not null,
  updated_at      timestamp with time zone not null,
  reviewed_by     uuid,
  reviewed_at     timestamp with time zone
);
create index learned_knowledge_state on learned_knowledge (state, created_at);
