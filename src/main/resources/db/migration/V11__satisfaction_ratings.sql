-- Customer satisfaction: the optional one-click rating at the end of a chat (analytics feature). One row
-- per conversation; a second click replaces the first, so a customer who changes their mind counts once.
-- Whether people were involved is not stored here: analytics derives it from the handoffs, so the two
-- can never disagree.
create table satisfaction_ratings (
  conversation_id uuid        primary key references conversations (id),
  rating          varchar(8)  not null,
  rated_at        timestamp with time zone not null,
  constraint satisfaction_ratings_rating_check check (rating in ('good', 'bad'))
);
create index satisfaction_ratings_rated_at on satisfaction_ratings (rated_at);
