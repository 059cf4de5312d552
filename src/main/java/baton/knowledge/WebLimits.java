package baton.knowledge;

import java.time.Duration;

/**
 * How far a web sync may go: each request (headers and body) must finish within {@code timeout}, a
 * page may be at most {@code maxPageBytes}, and one source may have at most {@code maxPages} pages.
 */
public record WebLimits(Duration timeout, int maxPageBytes, int maxPages) {
  public static final WebLimits DEFAULTS = new WebLimits(Duration.ofSeconds(15), 2 * 1024 * 1024, 1_000);

  public WebLimits {
    if (timeout.isNegative() || timeout.isZero() || maxPageBytes <= 0 || maxPages <= 0) {
      throw new IllegalArgumentException("web limits must be positive");
    }
  }
}
