package baton.channels;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How Baton reaches its SMTP server. {@code startTls} upgrades the connection when the server offers
 * it; credentials are optional (a local relay often needs none).
 */
public record MailSettings(String host, int port, String from, Optional<String> username, Optional<String> password,
    boolean startTls) {
  public MailSettings {
    requireNonNull(host, "host");
    requireNonNull(from, "from");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port must be 1-65535, not " + port);
    }
  }

  @Override
  public String toString() {
    return "smtp://" + username.map(user -> user + "@").orElse("") + host + ":" + port + " from " + from;
  }
}
