package baton.channels;

import baton.MutableClock;
import baton.platform.OnH2;

class H2WebhookOutboxTest extends OnH2 implements WebhookOutboxContract {
  private final MutableClock clock = new MutableClock(START);

  @Override
  public MutableClock clock() {
    return clock;
  }
}
