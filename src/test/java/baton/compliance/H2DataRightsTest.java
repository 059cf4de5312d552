package baton.compliance;

import baton.MutableClock;
import baton.platform.OnH2;

class H2DataRightsTest extends OnH2 implements DataRightsContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
