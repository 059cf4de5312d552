package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long each kind of data is kept after its conversation closed (or, for webhook deliveries and
 * audit entries, after it was written); empty means kept for good. The bot spec's {@code retention}
 * section supplies it, with the defaults documented in docs/bot-spec.md. Immutable.
 *
 * @param transcripts messages, internal notes and the customer's profile
 * @param packets handoff records with their context packets
 * @param decisions the bot's decision log
 * @param webhookDeliveries finished (delivered or abandoned) webhook deliveries
 * @param audit audit log entries
 */
public record RetentionPolicy(Optional<Duration> transcripts, Optional<Duration> packets, Optional<Duration> decisions,
    Optional<Duration> webhookDeliveries, Optional<Duration> audit) {
  public RetentionPolicy {
    for (Optional<Duration> period : java.util.List.of(requireNonNull(transcripts, "transcripts"), requireNonNull(packets, "packets"),
        requireNonNull(decisions, "decisions"), requireNonNull(webhookDeliveries, "webhookDeliveries"), requireNonNull(audit, "audit"))) {
      if (period.filter(value -> value.isNegative() || value.isZero()).isPresent()) {
        throw new IllegalArgumentException("a retention period must be positive");
      }
    }
  }

  /** Data closed before the returned instant has expired; empty when kept for good. */
  public static Optional<Instant> cutoff(Optional<Duration> period, Instant now) {
    return period.map(now::minus);
  }
}
