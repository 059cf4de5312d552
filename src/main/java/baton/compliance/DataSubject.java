package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.UUID;

/**
 * One customer record that an export or erasure is about, and the conversations it started. A person
 * who chatted twice is two customer records (each conversation makes its own), found together by
 * their email address; see {@link CustomerDirectory}.
 */
public record DataSubject(UUID customerId, List<UUID> conversationIds) {
  public DataSubject {
    requireNonNull(customerId, "customerId");
    conversationIds = List.copyOf(conversationIds);
  }
}
