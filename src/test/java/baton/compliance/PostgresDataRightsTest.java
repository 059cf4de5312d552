package baton.compliance;

import baton.MutableClock;
import baton.platform.OnPostgres;

class PostgresDataRightsTest extends OnPostgres implements DataRightsContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
