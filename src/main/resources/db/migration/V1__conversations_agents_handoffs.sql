-- Baton's first schema. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

create table teams (
  id                    varchar(64)  primary key,
  name                  varchar(200) not null,
  typical_reply_minutes integer      not null,
  created_at            timestamp with time zone not null
);

create table agents (
  id            uuid         primary key,
  email         varchar(320) not null,
  name          varchar(200) not null,
  password_hash varchar(200) not null,
  role          varchar(20)  not null,
  created_at    timestamp with time zone not null,
  constraint agents_role_check check (role in ('agent', 'supervisor', 'admin'))
);
create unique index agents_email on agents (email);

create table agent_teams (
  agent_id uuid        not null references agents (id) on delete cascade,
  team_id  varchar(64) not null references teams (id) on delete cascade,
  primary key (agent_id, team_id)
);

-- Only the SHA-256 of the session cookie is kept, so a database dump cannot be replayed as a login.
create table agent_sessions (
  token_hash varchar(64) primary key,
  agent_id   uuid        not null references agents (id) on delete cascade,
  csrf_token varchar(64) not null,
  created_at timestamp with time zone not null,
  expires_at timestamp with time zone not null
);
create index agent_sessions_expiry on agent_sessions (expires_at);

create table customers (
  id          uuid primary key,
  name        varchar(200),
  email       varchar(320),
  phone       varchar(64),
  external_id varchar(200),
  created_at  timestamp with time zone not null
);

-- last_seq is bumped under the row lock of the conversation, which is what makes message sequence
-- numbers gap-free and strictly increasing per conversation on every database.
create table conversations (
  id                uuid        primary key,
  token_hash        varchar(64) not null,
  channel           varchar(32) not null,
  customer_id       uuid        not null references customers (id),
  state             varchar(16) not null,
  team_id           varchar(64) references teams (id),
  assigned_agent_id uuid        references agents (id),
  assigned_agent_name varchar(200),
  last_seq          bigint      not null,
  created_at        timestamp with time zone not null,
  updated_at        timestamp with time zone not null,
  queued_at         timestamp with time zone,
  resolved_at       timestamp with time zone,
  constraint conversations_state_check check (state in ('BOT', 'QUEUED', 'WITH_AGENT', 'RESOLVED'))
);
create index conversations_queue on conversations (state, team_id, queued_at);
create index conversations_assignee on conversations (assigned_agent_id, state);

create table messages (
  conversation_id uuid          not null references conversations (id),
  seq             bigint        not null,
  author          varchar(16)   not null,
  author_name     varchar(200),
  agent_id        uuid          references agents (id),
  body            varchar(100000) not null,
  citations       varchar(20000) not null,
  client_id       varchar(64),
  created_at      timestamp with time zone not null,
  primary key (conversation_id, seq),
  constraint messages_author_check check (author in ('customer', 'bot', 'agent', 'system'))
);
-- A client retrying a send with the same clientId must not store the message twice.
create unique index messages_client_id on messages (conversation_id, client_id);

create table handoffs (
  id              uuid          primary key,
  conversation_id uuid          not null references conversations (id),
  team_id         varchar(64)   not null references teams (id),
  reason          varchar(64)   not null,
  detail          varchar(2000) not null,
  created_at      timestamp with time zone not null,
  claimed_by      uuid          references agents (id),
  claimed_at      timestamp with time zone,
  resolved_at     timestamp with time zone
);
create index handoffs_conversation on handoffs (conversation_id, created_at);
