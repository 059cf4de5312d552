package baton.routing;

import static java.util.Objects.requireNonNull;

/** A group of agents sharing one queue; {@code typicalReplyMinutes} is what the customer is promised. */
public record Team(String id, String name, int typicalReplyMinutes) {
  public Team {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    if (!id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("team id must be a lower-case slug: " + id);
    }
    if (typicalReplyMinutes < 1) {
      throw new IllegalArgumentException("typicalReplyMinutes must be positive");
    }
  }
}
