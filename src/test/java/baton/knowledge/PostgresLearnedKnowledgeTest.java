package baton.knowledge;

import baton.platform.OnPostgres;

class PostgresLearnedKnowledgeTest extends OnPostgres implements LearnedKnowledgeContract {}
