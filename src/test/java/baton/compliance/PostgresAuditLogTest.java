package baton.compliance;

import baton.MutableClock;
import baton.platform.OnPostgres;

class PostgresAuditLogTest extends OnPostgres implements AuditLogContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
