package baton.channels;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * A receiver of Baton's outbound webhooks, e.g. a helpdesk's ticket intake. {@code secret} signs every
 * request (see {@link Signature}); {@code timeout} bounds one attempt from connecting to the response
 * headers; after {@code maxAttempts} failed attempts a delivery is given up. The name is stored with
 * each delivery, so renaming an endpoint leaves its pending deliveries waiting for the old name.
 */
public record WebhookEndpoint(String name, URI url, String secret, Duration timeout, int maxAttempts) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** With the default schedule, 12 attempts span about a day and a half. */
  public static final int DEFAULT_MAX_ATTEMPTS = 12;

  public WebhookEndpoint {
    requireNonNull(name, "name");
    requireNonNull(url, "url");
    requireNonNull(secret, "secret");
    requireNonNull(timeout, "timeout");
    if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("webhook endpoint name must be a lower-case slug: " + name);
    }
    if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
      throw new IllegalArgumentException("webhook " + name + " needs an absolute http(s) url, not " + url);
    }
    if (secret.isBlank()) {
      throw new IllegalArgumentException("webhook " + name + " needs a signing secret");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("webhook " + name + " timeout must be between 0 and 2 minutes, not " + timeout);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("webhook " + name + " needs at least one attempt");
    }
  }

  /** An endpoint with the default timeout and number of attempts. */
  public static WebhookEndpoint of(String name, URI url, String secret) {
    return new WebhookEndpoint(name, url, secret, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
  }

  /**
   * The url as stored with deliveries and written to logs: without user info and query, since some
   * helpdesks take their API key there ({@code https://key:x@…} or {@code ?token=…}). Sending uses
   * {@link #url()} from the configuration, so nothing in the database can authenticate to the helpdesk.
   */
  public String safeUrl() {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return url.getScheme() + "://" + url.getHost() + port + path + (url.getRawQuery() == null ? "" : "?…");
  }

  /** Never prints the secret: endpoints end up in logs. */
  @Override
  public String toString() {
    return "WebhookEndpoint[" + name + " " + safeUrl() + ", timeout " + timeout + ", " + maxAttempts + " attempts]";
  }
}
