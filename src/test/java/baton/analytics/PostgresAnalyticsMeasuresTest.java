package baton.analytics;

import baton.platform.OnPostgres;

class PostgresAnalyticsMeasuresTest extends OnPostgres implements AnalyticsMeasuresContract {}
