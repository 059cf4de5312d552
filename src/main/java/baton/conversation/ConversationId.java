package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

public record ConversationId(UUID value) {
  public ConversationId {
    requireNonNull(value, "value");
  }

  public static ConversationId random() {
    return new ConversationId(UUID.randomUUID());
  }

  /** Parses a client-supplied id; anything that is not a UUID is simply not a conversation. */
  public static Optional<ConversationId> parse(String text) {
    if (text == null || text.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ConversationId(UUID.fromString(text)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The reference customers and agents quote in mail subjects and on tickets: {@code BTN-} and the
   * first 8 hex digits of the id, short and stable.
   */
  public String reference() {
    return "BTN-" + value.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
