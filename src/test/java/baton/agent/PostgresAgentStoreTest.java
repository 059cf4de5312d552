package baton.agent;

import baton.platform.OnPostgres;

class PostgresAgentStoreTest extends OnPostgres implements AgentStoreContract {}
