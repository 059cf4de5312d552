package baton.knowledge;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A website the bot learns from. Pages are found from {@code sitemaps} (sitemap.xml files or sitemap
 * indexes) and by following links from {@code startUrls} within their host; only pages whose path
 * matches an {@code include} glob (all, when none) and no {@code exclude} glob are read, e.g.
 * {@code include: ["/help/**"]}, {@code exclude: ["/help/legacy/**"]}. The site is synced again
 * every {@code pollInterval}.
 */
public record WebSource(
    String id, List<URI> startUrls, List<URI> sitemaps, List<String> include, List<String> exclude, Duration pollInterval) {
  public WebSource {
    requireNonNull(id, "id");
    startUrls = List.copyOf(startUrls);
    sitemaps = List.copyOf(sitemaps);
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    requireNonNull(pollInterval, "pollInterval");
    if (startUrls.isEmpty() && sitemaps.isEmpty()) {
      throw new IllegalArgumentException("web source '" + id + "' needs start URLs or sitemaps");
    }
    for (URI url : startUrls) {
      requireWeb(url);
    }
    for (URI url : sitemaps) {
      requireWeb(url);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("web source '" + id + "': poll interval must be positive");
    }
  }

  /** Whether Baton may fetch {@code url} at all: absolute http or https with a host. */
  static boolean isWeb(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
  }

  private static void requireWeb(URI url) {
    if (!isWeb(url)) {
      throw new IllegalArgumentException("only http and https URLs can be synced: " + url);
    }
  }
}
