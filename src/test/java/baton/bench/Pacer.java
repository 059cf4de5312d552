package baton.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop pacing: one customer message every 1/rate seconds, whatever the server's latency, so a
 * slow server shows as latency rather than as a lower rate (no coordinated omission). During the ramp
 * the rate climbs linearly from 5 % to the target. Each tick goes to the customer who has waited
 * longest; when nobody is ready the tick is counted as unsent, which says the run has too few
 * customers for its rate (or too slow a server). The lag of each tick behind its schedule is recorded:
 * it is the client's own delay (the client shares the CPU with the server) and should stay near zero.
 * Runs on one platform thread; sends on virtual threads.
 */
final class Pacer implements Runnable {
  private final Run run;
  private final Customers customers;
  private final long startNanos;
  private final long rampNanos;
  private final long endNanos;

  Pacer(Run run, Customers customers, long startNanos, long rampNanos, long endNanos) {
    this.run = run;
    this.customers = customers;
    this.startNanos = startNanos;
    this.rampNanos = rampNanos;
    this.endNanos = endNanos;
  }

  @Override
  public void run() {
    double rate = run.options().rate();
    long due = startNanos;
    while (due < endNanos) {
      long now = System.nanoTime();
      if (due > now) {
        LockSupport.parkNanos(due - now);
        now = System.nanoTime();
      }
      run.measures().pacerLag.record(due, Math.max(due, now));
      CustomerConversation customer = customers.nextReady(now);
      if (customer == null) {
        run.measures().unsent(due);
      } else {
        Thread.startVirtualThread(customer::send);
      }
      long rampEnd = startNanos + rampNanos;
      double share = due >= rampEnd ? 1 : Math.max(0.05, (double) (due - startNanos) / rampNanos);
      long next = due + (long) (1e9 / (rate * share));
      // A slow start must not step over the end of the ramp: from there on the full rate holds.
      due = due < rampEnd ? Math.min(next, rampEnd) : next;
    }
  }
}
