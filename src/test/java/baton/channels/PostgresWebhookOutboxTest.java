package baton.channels;

import baton.MutableClock;
import baton.platform.OnPostgres;

class PostgresWebhookOutboxTest extends OnPostgres implements WebhookOutboxContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
