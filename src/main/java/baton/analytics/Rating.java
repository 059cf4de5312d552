package baton.analytics;

import java.util.Locale;
import java.util.Optional;

/** The customer's one-click verdict on a chat. Closed set: the measures switch over it. */
enum Rating {
  GOOD,
  BAD;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Rating> parse(String text) {
    return switch (text == null ? "" : text) {
      case "good" -> Optional.of(GOOD);
      case "bad" -> Optional.of(BAD);
      default -> Optional.empty();
    };
  }
}
