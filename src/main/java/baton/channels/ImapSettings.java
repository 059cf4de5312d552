package baton.channels;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How Baton reads replies: the IMAP mailbox that receives customers' and agents' answers to handoff
 * mail (usually the team inbox), and how often to look. {@code ssl} connects with IMAPS (implicit
 * TLS, usually port 993); otherwise plain IMAP (143), which is only for a server on the same host.
 */
public record ImapSettings(String host, int port, boolean ssl, String username, String password, String folder,
    Duration pollInterval) {
  public static final String INBOX = "INBOX";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

  public ImapSettings {
    requireNonNull(host, "host");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(folder, "folder");
    requireNonNull(pollInterval, "pollInterval");
    if (host.isBlank()) {
      throw new IllegalArgumentException("IMAP host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("IMAP port must be 1-65535, not " + port);
    }
    if (folder.isBlank()) {
      throw new IllegalArgumentException("IMAP folder must not be blank");
    }
    // Below a second the poller would hammer the server; mail is not a live channel anyway.
    if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("IMAP poll interval must be at least 1 second, not " + pollInterval);
    }
  }

  /** The inbox, polled every minute. */
  public ImapSettings(String host, int port, boolean ssl, String username, String password) {
    this(host, port, ssl, username, password, INBOX, DEFAULT_POLL_INTERVAL);
  }

  /** Never the password: this string goes into logs. */
  @Override
  public String toString() {
    return (ssl ? "imaps://" : "imap://") + username + "@" + host + ":" + port + "/" + folder + " every " + pollInterval.toSeconds() + "s";
  }
}
