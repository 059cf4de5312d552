package baton.analytics;

import static java.util.Objects.requireNonNull;

import baton.platform.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which conversations a report covers: those created in [from, to), narrowed by the filters. A filter
 * that is empty does not narrow. Immutable.
 *
 * @param tier the tier of the conversation's first handoff by the bot ("none": never handed off)
 * @param team the team of that handoff
 * @param topic the conversation's topic (see docs/analytics.md)
 */
record AnalyticsQuery(Instant from, Instant to, Optional<String> channel, Optional<String> tier, Optional<String> topic,
    Optional<String> team) {
  static final Duration DEFAULT_RANGE = Duration.ofDays(30);
  static final Duration LONGEST_RANGE = Duration.ofDays(366);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/#-]{1,200}");

  AnalyticsQuery {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(channel, "channel");
    requireNonNull(tier, "tier");
    requireNonNull(topic, "topic");
    requireNonNull(team, "team");
  }

  static AnalyticsQuery between(Instant from, Instant to) {
    return new AnalyticsQuery(from, to, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * From query parameters. {@code from}/{@code to} are dates (UTC days, {@code to} included) or
   * instants ({@code to} excluded); by default the last 30 days up to now.
   */
  static AnalyticsQuery fromParameters(Function<String, String> parameter, Clock clock) {
    Instant now = clock.instant();
    Instant to = Optional.ofNullable(blankToNull(parameter.apply("to"))).map(text -> instant(text, "to", true)).orElse(now);
    Instant from = Optional.ofNullable(blankToNull(parameter.apply("from"))).map(text -> instant(text, "from", false))
        .orElse(to.minus(DEFAULT_RANGE));
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("'from' must be before 'to'.");
    }
    if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
      throw ApiException.badRequest("The range may span at most 366 days.");
    }
    return new AnalyticsQuery(from, to, filter(parameter, "channel"), filter(parameter, "tier"), filter(parameter, "topic"),
        filter(parameter, "team"));
  }

  private static Instant instant(String text, String name, boolean endOfDay) {
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("'" + name + "' must be a date (2026-11-25) or an instant (2026-11-25T10:00:00Z).");
    }
  }

  private static Optional<String> filter(Function<String, String> parameter, String name) {
    Optional<String> value = Optional.ofNullable(blankToNull(parameter.apply(name)));
    if (value.isPresent() && !NAME.matcher(value.get()).matches()) {
      throw ApiException.badRequest("'" + name + "' must be an id such as \"web\" or \"returns-policy\".");
    }
    return value;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
