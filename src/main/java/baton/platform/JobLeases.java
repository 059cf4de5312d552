package baton.platform;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Who runs a cluster-wide job now. Each node asks before each run; the holder's ask renews its lease,
 * another node's ask succeeds only once the lease has expired, so a job keeps one runner while it
 * lives and moves to a survivor when it dies. A lease row rather than a PostgreSQL advisory lock,
 * because the same SQL must run on the embedded H2 database, and a lease survives connection churn.
 */
public final class JobLeases {
  private final Jdbi jdbi;
  private final Clock clock;
  private final String holder;

  public JobLeases(Jdbi jdbi, Clock clock, String holder) {
    this.jdbi = requireNonNull(jdbi, "jdbi");
    this.clock = requireNonNull(clock, "clock");
    this.holder = requireNonNull(holder, "holder");
  }

  /**
   * Takes or renews the lease on {@code job} for {@code ttl}; false when another node holds it. The
   * ttl must be longer than the gap between two asks of the holder, or the job may change hands.
   */
  public boolean tryHold(String job, Duration ttl) {
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    return jdbi.withHandle(handle -> {
      int renewed = handle.createUpdate("""
          update job_leases set holder = :holder, expires_at = :until
           where job = :job and (holder = :holder or expires_at < :now)""")
          .bind("holder", holder).bind("until", until).bind("job", job).bind("now", now).execute();
      if (renewed == 1) {
        return true;
      }
      try {
        return handle.createUpdate("insert into job_leases (job, holder, expires_at) values (:job, :holder, :until)")
            .bind("job", job).bind("holder", holder).bind("until", until).execute() == 1;
      } catch (UnableToExecuteStatementException held) {
        // The row exists and belongs to a live holder (or another node inserted it just now).
        return false;
      }
    });
  }

  /** Lets another node take the job at once, e.g. on a graceful shutdown. */
  public void release(String job) {
    jdbi.useHandle(handle -> handle.createUpdate("delete from job_leases where job = :job and holder = :holder")
        .bind("job", job).bind("holder", holder).execute());
  }

  public String holder() {
    return holder;
  }
}
