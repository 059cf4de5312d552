package baton.agent;

import java.time.Duration;

/**
 * How long an agent session lasts: it ends after {@code idle} without a request, and in any case
 * {@code absolute} after login. An open console polls, so a forgotten tab stays logged in until the
 * absolute lifetime; a closed laptop is logged out after the idle time.
 */
public record SessionLifetime(Duration idle, Duration absolute) {
  public SessionLifetime {
    if (idle.isNegative() || idle.isZero() || absolute.isNegative() || absolute.isZero()) {
      throw new IllegalArgumentException("session lifetimes must be positive");
    }
    if (idle.compareTo(absolute) > 0) {
      throw new IllegalArgumentException("the idle timeout must not be longer than the absolute session lifetime");
    }
  }

  public static SessionLifetime defaults() {
    return new SessionLifetime(Duration.ofHours(1), Duration.ofHours(12));
  }
}
