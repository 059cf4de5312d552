package baton.tickets;

import baton.MutableClock;
import baton.platform.OnPostgres;

class PostgresTicketStoreTest extends OnPostgres implements TicketStoreContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
