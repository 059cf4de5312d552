package baton.platform;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often something may happen: up to {@code count} at once, refilled evenly over {@code per}
 * (a token bucket of {@code count} tokens). Written {@code 30/min}: a burst of 30, then one every 2
 * seconds. {@code off} turns the limit off.
 */
public record RateLimit(int count, Duration per) {
  private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*/\\s*(s|sec|min|h|hour)");
  public static final RateLimit OFF = new RateLimit(0, Duration.ofSeconds(1));

  public RateLimit {
    if (count < 0) {
      throw new IllegalArgumentException("a rate limit's count must not be negative");
    }
    if (per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("a rate limit's period must be positive");
    }
  }

  public static RateLimit of(int count, Duration per) {
    return new RateLimit(count, per);
  }

  /** Parses {@code 30/min}, {@code 5/s}, {@code 100/h} or {@code off}. */
  public static RateLimit parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("off")) {
      return OFF;
    }
    Matcher matcher = TEXT.matcher(value);
    if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a rate: write e.g. 30/min, 5/s, 100/h or off");
    }
    Duration per = switch (matcher.group(2)) {
      case "s", "sec" -> Duration.ofSeconds(1);
      case "min" -> Duration.ofMinutes(1);
      default -> Duration.ofHours(1);
    };
    return new RateLimit(Integer.parseInt(matcher.group(1)), per);
  }

  public boolean isOff() {
    return count == 0;
  }

  @Override
  public String toString() {
    if (isOff()) {
      return "off";
    }
    String unit = per.equals(Duration.ofSeconds(1)) ? "s" : per.equals(Duration.ofMinutes(1)) ? "min"
        : per.equals(Duration.ofHours(1)) ? "h" : per.toString();
    return count + "/" + unit;
  }
}
