package baton.routing;

import baton.platform.OnPostgres;

class PostgresTeamStoreTest extends OnPostgres implements TeamStoreContract {}
