package baton.routing;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a team answers: weekly opening ranges in the team's own time zone, minus closed dates
 * (holidays). A range may run past midnight ({@code 22:00-06:00}), in which case it belongs to the
 * day it starts on. Daylight-saving gaps and overlaps follow {@link ZonedDateTime}'s rules. Immutable.
 *
 * <p>The text form, used in the database and by {@link #parse}, is
 * {@code Europe/London;mon=09:00-17:00;tue=09:00-12:00,13:00-17:00;closed=2026-12-25,2026-12-26}.
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Range>> weekly, Set<LocalDate> closed) {
  /** How far ahead {@link #nextOpening} looks before concluding the team never opens. */
  private static final int LOOKAHEAD_DAYS = 400;

  /** An opening range on one day; {@code end} before or equal to {@code start} runs past midnight. */
  public record Range(LocalTime start, LocalTime end) {
    public Range {
      requireNonNull(start, "start");
      requireNonNull(end, "end");
    }

    boolean overnight() {
      return !end.isAfter(start);
    }

    @Override
    public String toString() {
      return start + "-" + end;
    }
  }

  public BusinessHours {
    requireNonNull(zone, "zone");
    var copy = new EnumMap<DayOfWeek, List<Range>>(DayOfWeek.class);
    weekly.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
    weekly = java.util.Collections.unmodifiableMap(copy);
    closed = java.util.Collections.unmodifiableSet(new TreeSet<>(closed));
  }

  /** Whether the team is open at {@code now}. */
  public boolean isOpen(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    // Today's ranges, and yesterday's that run past midnight into today.
    for (Range range : rangesOn(local.toLocalDate())) {
      ZonedDateTime start = local.toLocalDate().atTime(range.start()).atZone(zone);
      ZonedDateTime end = (range.overnight() ? local.toLocalDate().plusDays(1) : local.toLocalDate()).atTime(range.end()).atZone(zone);
      if (!now.isBefore(start.toInstant()) && now.isBefore(end.toInstant())) {
        return true;
      }
    }
    LocalDate yesterday = local.toLocalDate().minusDays(1);
    for (Range range : rangesOn(yesterday)) {
      if (range.overnight() && now.isBefore(local.toLocalDate().atTime(range.end()).atZone(zone).toInstant())) {
        return true;
      }
    }
    return false;
  }

  /** When the team next opens, at or after {@code now} (now itself when open); empty when it never does. */
  public Optional<ZonedDateTime> nextOpening(Instant now) {
    if (isOpen(now)) {
      return Optional.of(now.atZone(zone));
    }
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i <= LOOKAHEAD_DAYS; i++, day = day.plusDays(1)) {
      for (Range range : rangesOn(day).stream().sorted(java.util.Comparator.comparing(Range::start)).toList()) {
        ZonedDateTime start = day.atTime(range.start()).atZone(zone);
        if (!start.toInstant().isBefore(now)) {
          return Optional.of(start);
        }
      }
    }
    return Optional.empty();
  }

  /** "09:00 on Monday (Europe/London time)", or "09:00 today"/"tomorrow" relative to {@code now}. */
  public String describeOpening(ZonedDateTime opening, Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    String day = opening.toLocalDate().equals(today) ? "today"
        : opening.toLocalDate().equals(today.plusDays(1)) ? "tomorrow"
        : "on " + opening.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    return opening.toLocalTime() + " " + day + " (" + zone.getId() + " time)";
  }

  private List<Range> rangesOn(LocalDate date) {
    return closed.contains(date) ? List.of() : weekly.getOrDefault(date.getDayOfWeek(), List.of());
  }

  /** The text form (see the class comment). */
  public String toText() {
    var text = new StringBuilder(zone.getId());
    weekly.forEach((day, ranges) -> {
      if (!ranges.isEmpty()) {
        text.append(';').append(DAY_NAMES.get(day)).append('=')
            .append(String.join(",", ranges.stream().map(Range::toString).toList()));
      }
    });
    if (!closed.isEmpty()) {
      text.append(";closed=").append(String.join(",", closed.stream().map(LocalDate::toString).toList()));
    }
    return text.toString();
  }

  /** Reads the text form; {@link IllegalArgumentException} with a readable message when it is wrong. */
  public static BusinessHours parse(String text) {
    String[] parts = text.strip().split(";");
    ZoneId zone = zone(parts[0]);
    var weekly = new EnumMap<DayOfWeek, List<Range>>(DayOfWeek.class);
    Set<LocalDate> closed = new TreeSet<>();
    for (int i = 1; i < parts.length; i++) {
      String[] keyValue = parts[i].split("=", 2);
      if (keyValue.length != 2) {
        throw new IllegalArgumentException("'" + parts[i] + "' should be day=HH:MM-HH:MM or closed=YYYY-MM-DD");
      }
      if (keyValue[0].equals("closed")) {
        for (String date : keyValue[1].split(",")) {
          closed.add(date(date));
        }
      } else {
        for (DayOfWeek day : days(keyValue[0])) {
          weekly.computeIfAbsent(day, any -> new ArrayList<>()).addAll(ranges(keyValue[1]));
        }
      }
    }
    return new BusinessHours(zone, weekly, closed);
  }

  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.strip());
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("'" + id + "' is not a time zone; use a region id such as Europe/London or America/Denver");
    }
  }

  public static LocalDate date(String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a date of the form 2026-12-25");
    }
  }

  private static final Map<DayOfWeek, String> DAY_NAMES = new EnumMap<>(Map.of(DayOfWeek.MONDAY, "mon", DayOfWeek.TUESDAY, "tue",
      DayOfWeek.WEDNESDAY, "wed", DayOfWeek.THURSDAY, "thu", DayOfWeek.FRIDAY, "fri", DayOfWeek.SATURDAY, "sat", DayOfWeek.SUNDAY, "sun"));

  /** "mon", "mon-fri", "sat-sun", "daily", "weekdays", "weekends"; full names too. */
  public static List<DayOfWeek> days(String text) {
    String key = text.strip().toLowerCase(Locale.ROOT);
    switch (key) {
      case "daily", "every day", "everyday" -> {
        return List.of(DayOfWeek.values());
      }
      case "weekdays" -> key = "mon-fri";
      case "weekends" -> key = "sat-sun";
      default -> { }
    }
    String[] ends = key.split("-", 2);
    DayOfWeek from = day(ends[0]);
    DayOfWeek to = ends.length == 2 ? day(ends[1]) : from;
    List<DayOfWeek> days = new ArrayList<>();
    for (DayOfWeek day = from; ; day = day.plus(1)) {
      days.add(day);
      if (day == to) {
        return days;
      }
    }
  }

  private static DayOfWeek day(String text) {
    String key = text.strip();
    for (DayOfWeek day : DayOfWeek.values()) {
      if (key.equals(DAY_NAMES.get(day)) || key.equals(day.name().toLowerCase(Locale.ROOT))) {
        return day;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a day; use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri,"
        + " or daily, weekdays, weekends");
  }

  /** "09:00-17:00", "09:00-12:00, 13:00-17:00", "closed". */
  public static List<Range> ranges(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("closed") || value.isEmpty()) {
      return List.of();
    }
    List<Range> ranges = new ArrayList<>();
    for (String part : value.split(",")) {
      String[] ends = part.strip().split("-", 2);
      if (ends.length != 2) {
        throw new IllegalArgumentException("'" + part.strip() + "' should be a time range such as 09:00-17:00");
      }
      ranges.add(new Range(time(ends[0]), time(ends[1])));
    }
    return ranges;
  }

  private static LocalTime time(String text) {
    String value = text.strip();
    if (value.equals("24:00")) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(value.length() == 4 ? "0" + value : value);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("'" + value + "' is not a time of day such as 09:00 or 17:30");
    }
  }
}
