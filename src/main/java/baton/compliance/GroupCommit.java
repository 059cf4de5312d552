package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a pass over work that other threads have already committed, once for many of them: a caller
 * waits until a pass that started after its call has finished, and starts one itself when none is
 * running. Threads arriving while a pass runs share the next one, so under load one pass serves
 * everyone who queued during the previous pass (the way databases batch their commits).
 *
 * <p>Correct only for work that the pass can see once the caller has committed it, and only within
 * one process; across nodes, the pass itself must serialise (the audit chain locks its head row).
 * Thread-safe; waits on a {@link ReentrantLock}, which parks a virtual thread without holding its carrier.
 */
final class GroupCommit {
  private final Runnable pass;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition passEnded = lock.newCondition();
  private long requested;
  private long covered;
  private boolean running;

  GroupCommit(Runnable pass) {
    this.pass = requireNonNull(pass, "pass");
  }

  /** Returns once a pass that began after this call has ended; rethrows that pass's failure if this thread ran it. */
  void await() {
    long ticket;
    long coversUpTo;
    lock.lock();
    try {
      ticket = ++requested;
      while (true) {
        if (covered >= ticket) {
          return;
        }
        if (!running) {
          running = true;
          coversUpTo = requested;
          break;
        }
        passEnded.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    boolean done = false;
    try {
      pass.run();
      done = true;
    } finally {
      lock.lock();
      try {
        running = false;
        if (done) {
          covered = Math.max(covered, coversUpTo);
        }
        passEnded.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
