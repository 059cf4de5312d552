package baton.platform;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fixed number of platform threads for work that keeps a core busy for a long time in one go
 * (password hashing: about 100 ms; a 24-hour analytics report: seconds on a busy day). Requests run on
 * virtual threads over one carrier per core, and a virtual thread that computes holds its carrier
 * until it finishes: five agents logging in at once on two cores stalled every customer's reply for
 * over a second, and an analytics report held a carrier for seconds. Here the caller parks, which
 * frees its carrier, and the operating system shares the cores between the work and the carriers.
 * Callers beyond the slots wait in line. Thread-safe.
 */
public final class CpuSlots {
  private final ExecutorService workers;
  private final int size;

  public CpuSlots(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("at least one slot");
    }
    this.size = size;
    // Threads come when there is work and go after a minute without: an idle server holds none.
    var pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
        Thread.ofPlatform().daemon().name("cpu-work-", 0).factory());
    pool.allowCoreThreadTimeOut(true);
    this.workers = pool;
  }

  /** One core fewer than the machine has, and at least one: the rest is left for requests. */
  public static CpuSlots leavingOneCoreFree() {
    return new CpuSlots(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
  }

  public int size() {
    return size;
  }

  /** The work's answer, computed on one of the slots' threads; its exceptions reach the caller as they were thrown. */
  public <T> T run(Supplier<T> work) {
    Future<T> answer = workers.submit(work::get);
    try {
      return answer.get();
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a computation", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }
}
