package baton;

import static java.util.Objects.requireNonNull;

import baton.channels.MailSettings;
import baton.platform.DatabaseSettings;
import java.nio.file.Path;
import java.util.Optional;

/** Everything a server needs to start, already resolved from flags, environment and config file. */
public record ServerSettings(
    String host,
    int port,
    Path dataDir,
    DatabaseSettings database,
    Path specFile,
    int maxMessageChars,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    Optional<MailSettings> mail,
    java.util.List<baton.channels.WebhookEndpoint> webhooks,
    Optional<baton.channels.ImapSettings> imap,
    Optional<java.net.URI> redisUrl,
    java.time.Duration retentionPurgeInterval,
    baton.platform.RateLimits rateLimits,
    baton.agent.SessionLifetime sessions) {
  public static final int MAX_MESSAGE_CHARS_CEILING = 100_000;

  public ServerSettings {
    requireNonNull(host, "host");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(database, "database");
    requireNonNull(specFile, "specFile");
    requireNonNull(adminEmail, "adminEmail");
    requireNonNull(adminPassword, "adminPassword");
    requireNonNull(mail, "mail");
    webhooks = java.util.List.copyOf(webhooks);
    requireNonNull(imap, "imap");
    requireNonNull(redisUrl, "redisUrl");
    redisUrl.ifPresent(url -> {
      if (!"redis".equals(url.getScheme()) || url.getHost() == null) {
        throw new IllegalArgumentException("Redis URL must look like redis://host:6379, not " + url);
      }
    });
    requireNonNull(retentionPurgeInterval, "retentionPurgeInterval");
    if (retentionPurgeInterval.isNegative()) {
      throw new IllegalArgumentException("the retention purge interval must not be negative (0 turns the schedule off)");
    }
    requireNonNull(rateLimits, "rateLimits");
    requireNonNull(sessions, "sessions");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, not " + port);
    }
    if (maxMessageChars < 1 || maxMessageChars > MAX_MESSAGE_CHARS_CEILING) {
      throw new IllegalArgumentException("max message length must be 1-" + MAX_MESSAGE_CHARS_CEILING);
    }
  }

  /** Settings on one node (no Redis), purging every hour, with the default rate limits and session lifetimes. */
  public ServerSettings(String host, int port, Path dataDir, DatabaseSettings database, Path specFile, int maxMessageChars,
      Optional<String> adminEmail, Optional<String> adminPassword, Optional<MailSettings> mail,
      java.util.List<baton.channels.WebhookEndpoint> webhooks, Optional<baton.channels.ImapSettings> imap) {
    this(host, port, dataDir, database, specFile, maxMessageChars, adminEmail, adminPassword, mail, webhooks, imap,
        Optional.empty(), java.time.Duration.ofHours(1), baton.platform.RateLimits.defaults(), baton.agent.SessionLifetime.defaults());
  }

  /** The same settings with other rate limits and session lifetimes. */
  public ServerSettings withSecurity(baton.platform.RateLimits rateLimits, baton.agent.SessionLifetime sessions) {
    return new ServerSettings(host, port, dataDir, database, specFile, maxMessageChars, adminEmail, adminPassword, mail, webhooks, imap,
        redisUrl, retentionPurgeInterval, rateLimits, sessions);
  }

  /** Never prints the admin password (settings get logged and printed in stack traces). */
  @Override
  public String toString() {
    return "ServerSettings[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", database=" + database.describe()
        + ", specFile=" + specFile + ", maxMessageChars=" + maxMessageChars + ", adminEmail=" + adminEmail
        + ", adminPassword=" + adminPassword.map(secret -> "(set)") + ", mail=" + mail + ", webhooks=" + webhooks + ", imap=" + imap
        + ", redisUrl=" + redisUrl.map(url -> url.getHost() + ":" + url.getPort()) + ", retentionPurgeInterval=" + retentionPurgeInterval
        + ", rateLimits=" + rateLimits + ", sessions=" + sessions + "]";
  }

  /** Settings without outgoing mail (email tiers then stay in the console queue). */
  public ServerSettings(String host, int port, Path dataDir, DatabaseSettings database, Path specFile, int maxMessageChars,
      Optional<String> adminEmail, Optional<String> adminPassword) {
    this(host, port, dataDir, database, specFile, maxMessageChars, adminEmail, adminPassword, Optional.empty());
  }

  /** Settings with outgoing mail but no webhooks and no reading of email replies. */
  public ServerSettings(String host, int port, Path dataDir, DatabaseSettings database, Path specFile, int maxMessageChars,
      Optional<String> adminEmail, Optional<String> adminPassword, Optional<MailSettings> mail) {
    this(host, port, dataDir, database, specFile, maxMessageChars, adminEmail, adminPassword, mail, java.util.List.of(), Optional.empty());
  }

  /** The same settings with live events shared through Redis, as nodes of one cluster. */
  public ServerSettings withRedis(java.net.URI url) {
    return new ServerSettings(host, port, dataDir, database, specFile, maxMessageChars, adminEmail, adminPassword, mail, webhooks,
        imap, Optional.of(url), retentionPurgeInterval, rateLimits, sessions);
  }
}
