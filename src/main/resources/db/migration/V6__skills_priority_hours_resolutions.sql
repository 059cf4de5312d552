-- Routing by tier priority and skill, team business hours, and how a human episode ended.

-- Priority 1 is served first; among equals, the longest waiting. Copied from the tier at handoff and
-- kept through transfers. required_skill: only agents holding it may be given the conversation.
alter table conversations add column priority integer default 5 not null;
alter table conversations add column required_skill varchar(64);
drop index conversations_queue;
create index conversations_queue on conversations (state, team_id, priority, queued_at);

create table agent_skills (
  agent_id uuid        not null references agents (id) on delete cascade,
  skill    varchar(64) not null,
  primary key (agent_id, skill)
);

-- Opening hours as the spec states them (JSON: time zone, weekly ranges, closed dates); null: always open.
alter table teams add column hours varchar(4000);

-- resolution: resolved, handed_back (to the bot) or transferred. The note and the reusable flag feed
-- the learning loop (suggested knowledge).
alter table handoffs add column resolution varchar(16);
alter table handoffs add column resolution_note varchar(4000);
alter table handoffs add column reusable boolean default false not null;
alter table handoffs add column resolved_by uuid references agents (id);

-- How the customer felt at handoff (none, mild, high), for the queue's frustration tags.
alter table handoffs add column frustration varchar(8);
