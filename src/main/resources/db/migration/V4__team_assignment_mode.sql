-- Whether a team's queue is worked by claiming (agents pick) or auto-assigned to the least-loaded
-- available agent.
alter table teams add column assignment varchar(16) default 'claim' not null;
alter table teams add constraint teams_assignment_check check (assignment in ('claim', 'auto'));
