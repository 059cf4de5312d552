-- Internal notes: agents' words to each other about a conversation. Kept apart from messages so the
-- customer's transcript (and its gap-free sequence numbers) can never include them.
create table agent_notes (
  id              uuid          primary key,
  conversation_id uuid          not null references conversations (id),
  agent_id        uuid          not null references agents (id),
  agent_name      varchar(200)  not null,
  body            varchar(4000) not null,
  created_at      timestamp with time zone not null
);
create index agent_notes_conversation on agent_notes (conversation_id, created_at);
