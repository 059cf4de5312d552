package baton.platform;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A fixed number of slots for work that keeps a core busy for a long time in one go (password
 * hashing: about 100 ms each). Requests run on virtual threads over one carrier per core, and such
 * work holds its carrier throughout; five agents logging in at once on two cores stalled every
 * customer's reply for over a second. Callers beyond the slots wait parked, which frees their
 * carriers for everyone else. Thread-safe.
 */
public final class CpuSlots {
  private final Semaphore slots;
  private final int size;

  public CpuSlots(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("at least one slot");
    }
    this.size = size;
    this.slots = new Semaphore(size, true);
  }

  /** One core fewer than the machine has, and at least one: the rest is left for requests. */
  public static CpuSlots leavingOneCoreFree() {
    return new CpuSlots(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
  }

  public int size() {
    return size;
  }

  public <T> T run(Supplier<T> work) {
    slots.acquireUninterruptibly();
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }
}
