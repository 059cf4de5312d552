package baton.compliance;

import baton.MutableClock;
import baton.platform.OnH2;

class H2AuditLogTest extends OnH2 implements AuditLogContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
