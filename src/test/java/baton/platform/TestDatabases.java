package baton.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: a fresh H2 file in a temp folder, or a fresh schema on the PostgreSQL
 * server at 127.0.0.1:5432 (database {@code test}). PostgreSQL tests skip when the server is not
 * reachable, unless {@code BATON_REQUIRE_SERVICES=1} (as in CI), where they fail instead.
 */
public final class TestDatabases {
  public static final String POSTGRES_URL = Optional.ofNullable(System.getenv("BATON_TEST_PG_URL"))
      .orElse("jdbc:postgresql://127.0.0.1:5432/test");
  public static final String POSTGRES_USER = Optional.ofNullable(System.getenv("BATON_TEST_PG_USER")).orElse("postgres");

  private TestDatabases() {}

  /** A database plus whatever must be cleaned up after it. */
  public record TestDatabase(Database database, Runnable cleanup) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
      cleanup.run();
    }
  }

  public static TestDatabase h2() {
    try {
      Path dir = Files.createTempDirectory("baton-h2-");
      return new TestDatabase(Database.open(DatabaseSettings.embedded(dir)), () -> deleteQuietly(dir));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static TestDatabase postgres() {
    return postgres(10);
  }

  public static TestDatabase postgres(int poolSize) {
    requirePostgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    var settings = new DatabaseSettings(POSTGRES_URL, POSTGRES_USER, "", poolSize, Optional.of(schema));
    return new TestDatabase(Database.open(settings), () -> dropSchema(schema));
  }

  public static DatabaseSettings postgresSettings(String schema) {
    requirePostgres();
    return new DatabaseSettings(POSTGRES_URL, POSTGRES_USER, "", 10, Optional.of(schema));
  }

  public static void requirePostgres() {
    try (var connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
      connection.isValid(2);
    } catch (SQLException e) {
      if ("1".equals(System.getenv("BATON_REQUIRE_SERVICES"))) {
        throw new AssertionError("PostgreSQL is required (BATON_REQUIRE_SERVICES=1) but not reachable at "
            + POSTGRES_URL + ": " + e.getMessage(), e);
      }
      Assumptions.abort("PostgreSQL not reachable at " + POSTGRES_URL + "; skipping");
    }
  }

  public static void dropSchema(String schema) {
    try (var connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
        var statement = connection.createStatement()) {
      statement.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + schema, e);
    }
  }

  public static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      // a leftover temp folder is harmless
    }
  }
}
