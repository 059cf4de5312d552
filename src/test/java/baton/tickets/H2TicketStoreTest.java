package baton.tickets;

import baton.MutableClock;
import baton.platform.OnH2;

class H2TicketStoreTest extends OnH2 implements TicketStoreContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
