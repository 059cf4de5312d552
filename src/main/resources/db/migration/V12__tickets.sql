-- Tickets: handoffs to email and ticket tiers, worked from the console's ticket list (tickets feature).
-- Only what cannot be derived is stored. The row is written when the handoff commits and keeps the
-- reply promise made to the customer then (due_at), so a later spec edit does not move it. Who holds
-- the ticket, its team, and whether it is solved come from the conversation and its handoffs; open or
-- pending comes from who wrote last, unless an agent's mark (mark, marked_at) is newer.
create table tickets (
  id              uuid        primary key references handoffs (id),
  conversation_id uuid        not null references conversations (id),
  tier_id         varchar(64) not null,
  channel         varchar(16) not null,
  subject         varchar(200),
  created_at      timestamp with time zone not null,
  due_at          timestamp with time zone not null,
  mark            varchar(16),
  marked_at       timestamp with time zone,
  marked_by       uuid        references agents (id),
  constraint tickets_channel_check check (channel in ('email', 'ticket')),
  constraint tickets_mark_check check (mark in ('open', 'pending'))
);
create index tickets_due on tickets (due_at);
create index tickets_conversation on tickets (conversation_id, created_at);

-- Routing's wait estimate reads a team's latest pickup and handle times on every live handoff, on the
-- handoff's critical path (StoredQueueWaits); without these it scans and sorts all of a team's handoffs.
create index handoffs_team_claimed on handoffs (team_id, claimed_at);
create index handoffs_team_resolved on handoffs (team_id, resolved_at);
