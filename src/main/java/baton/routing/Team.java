package baton.routing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A group of agents sharing one queue; {@code typicalReplyMinutes} is what the customer is promised;
 * {@code assignment} says whether agents claim from the queue or it is handed to them; {@code hours},
 * when set, when the team answers at all (empty: always).
 */
public record Team(String id, String name, int typicalReplyMinutes, Assignment assignment, Optional<BusinessHours> hours) {
  /** How a team's queue reaches its agents. */
  public enum Assignment {
    /** Agents pick conversations from the queue. */
    CLAIM,
    /** Each conversation goes to the least-loaded online agent with free capacity. */
    AUTO;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Assignment fromWire(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public Team(String id, String name, int typicalReplyMinutes) {
    this(id, name, typicalReplyMinutes, Assignment.CLAIM);
  }

  public Team(String id, String name, int typicalReplyMinutes, Assignment assignment) {
    this(id, name, typicalReplyMinutes, assignment, Optional.empty());
  }

  /** Whether the team is open at {@code now}: always, without business hours. */
  public boolean isOpen(java.time.Instant now) {
    return hours.map(open -> open.isOpen(now)).orElse(true);
  }

  public Team {
    requireNonNull(hours, "hours");
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(assignment, "assignment");
    if (!id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("team id must be a lower-case slug: " + id);
    }
    if (typicalReplyMinutes < 1) {
      throw new IllegalArgumentException("typicalReplyMinutes must be positive");
    }
  }
}
