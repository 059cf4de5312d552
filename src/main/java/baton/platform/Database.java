package baton.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The connection pool, migrated schema and Jdbi handle for one database. Opening it runs the Flyway
 * migrations, so a server never starts against a schema older than its code. Thread-safe.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final DatabaseSettings settings;

  private Database(HikariDataSource dataSource, DatabaseSettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.jdbi = Jdbi.create(dataSource);
  }

  public static Database open(DatabaseSettings settings) {
    return open(settings, null);
  }

  /**
   * As {@link #open(DatabaseSettings)}, reporting the pool to {@code meters}: under load the wait
   * for a connection (hikaricp_connections_pending, hikaricp_connections_acquire_seconds) is what
   * tells a slow database from a pool that is too small.
   */
  public static Database open(DatabaseSettings settings, MeterRegistry meters) {
    var config = new HikariConfig();
    if (meters != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    }
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setPoolName("baton-db");
    settings.schema().ifPresent(schema -> {
      // The schema must exist before the pool hands out connections that use it.
      createSchema(settings, schema);
      config.setSchema(schema);
    });
    var dataSource = new HikariDataSource(config);
    try {
      var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
      settings.schema().ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
      flyway.load().migrate();
      return new Database(dataSource, settings);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  private static void createSchema(DatabaseSettings settings, String schema) {
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("schema name must be a plain lower-case identifier: " + schema);
    }
    try (var connection = java.sql.DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        var statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema + " on " + settings.describe(), e);
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /** True when a connection can be had and answers a trivial query within a second. */
  public boolean isReachable() {
    try (var connection = dataSource.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
