package baton.platform;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the system of record lives. {@code schema}, when present, is created and used for every
 * connection; tests use it to give each run its own PostgreSQL schema.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, Optional<String> schema) {
  public DatabaseSettings {
    requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    requireNonNull(schema, "schema");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
  }

  /**
   * Parsed statements H2 keeps per connection. Its default of 8 is fewer than the distinct statements
   * of one customer turn, so every statement was parsed again: 8 % of the server's CPU under load.
   */
  static final int H2_QUERY_CACHE = 256;

  /** The embedded default: an H2 file database in PostgreSQL mode, so one set of SQL serves both. */
  public static DatabaseSettings embedded(Path dataDir) {
    String file = dataDir.toAbsolutePath().resolve("baton").toString();
    return new DatabaseSettings(
        "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=" + H2_QUERY_CACHE
            // Baton's shutdown closes the database after the server has drained and the jobs have
            // stopped; H2's own exit hook closed it first, under running work ("Database is already closed").
            + ";DB_CLOSE_ON_EXIT=FALSE",
        "sa", "", 10, Optional.empty());
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** Never the password: settings end up in logs and stack traces. */
  @Override
  public String toString() {
    return "DatabaseSettings[" + describe() + ", user=" + user + ", poolSize=" + poolSize + ", schema=" + schema + "]";
  }

  /** The URL without credentials or parameters, safe to log. */
  public String describe() {
    int cut = url.indexOf(isPostgres() ? '?' : ';');
    return cut < 0 ? url : url.substring(0, cut);
  }
}
