-- A rating goes with its conversation. Erasure and the retention purge delete conversations, and a
-- rating left behind made that delete fail on the foreign key: a customer who had rated a chat could
-- not be erased, and once one rated conversation expired every later purge of transcripts failed.
-- The constraint had no name to drop on both databases, so the table is rebuilt.
create table conversation_ratings (
  conversation_id uuid        primary key references conversations (id) on delete cascade,
  rating          varchar(8)  not null,
  rated_at        timestamp with time zone not null,
  constraint conversation_ratings_rating_check check (rating in ('good', 'bad'))
);
insert into conversation_ratings (conversation_id, rating, rated_at)
  select conversation_id, rating, rated_at from satisfaction_ratings;
drop table satisfaction_ratings;
alter table conversation_ratings rename to satisfaction_ratings;
create index satisfaction_ratings_rated_at on satisfaction_ratings (rated_at);
