package baton;

import baton.agent.SessionLifetime;
import baton.platform.DatabaseSettings;
import baton.platform.RateLimits;
import baton.platform.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real Baton server in this JVM on a free port, with the demo bot, articles and agents, on an H2
 * file database in its own folder (or on a given database). The same wiring as {@code baton demo}.
 */
public final class TestServer implements AutoCloseable {
  private final Path dataDir;
  private final boolean ownsDir;
  private final Baton baton;

  private TestServer(Path dataDir, boolean ownsDir, Baton baton) {
    this.dataDir = dataDir;
    this.ownsDir = ownsDir;
    this.baton = baton;
  }

  public static TestServer demo() {
    try {
      Path dir = Files.createTempDirectory("baton-test-");
      return new TestServer(dir, true, startIn(dir, DatabaseSettings.embedded(dir), 4000, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server on an existing data folder, e.g. to restart on the same H2 file. The caller deletes it. */
  public static TestServer demoIn(Path dataDir) {
    return demoIn(dataDir, 0);
  }

  /** As {@link #demoIn(Path)}, with changed settings (e.g. no rate limits). */
  public static TestServer demoIn(Path dataDir, java.util.function.UnaryOperator<ServerSettings> change) {
    Path spec = Demo.installFiles(dataDir.resolve("demo"));
    var settings = new ServerSettings("127.0.0.1", 0, dataDir, DatabaseSettings.embedded(dataDir), spec, 4000, Optional.empty(),
        Optional.empty());
    return new TestServer(dataDir, false, Main.start(change.apply(settings), true));
  }

  /** As {@link #demoIn(Path)}, on a fixed port, so clients can reconnect to a restarted server. */
  public static TestServer demoIn(Path dataDir, int port) {
    return new TestServer(dataDir, false, startIn(dataDir, DatabaseSettings.embedded(dataDir), 4000, port));
  }

  public static TestServer demoOn(DatabaseSettings database) {
    try {
      Path dir = Files.createTempDirectory("baton-test-");
      return new TestServer(dir, true, startIn(dir, database, 4000, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One node of a cluster: the demo on a shared database, with live events through Redis. */
  public static TestServer clusterNode(DatabaseSettings database, URI redis) {
    try {
      Path dir = Files.createTempDirectory("baton-node-");
      Path spec = Demo.installFiles(dir.resolve("demo"));
      var settings = new ServerSettings("127.0.0.1", 0, dir, database, spec, 4000, Optional.empty(), Optional.empty()).withRedis(redis);
      return new TestServer(dir, true, Main.start(settings, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo, sending email handoffs to this SMTP server (e.g. GreenMail on loopback). */
  public static TestServer demoWithMail(baton.channels.MailSettings mail) {
    try {
      Path dir = Files.createTempDirectory("baton-test-");
      Path spec = Demo.installFiles(dir.resolve("demo"));
      var settings = new ServerSettings("127.0.0.1", 0, dir, DatabaseSettings.embedded(dir), spec, 4000, Optional.empty(),
          Optional.empty(), Optional.of(mail));
      return new TestServer(dir, true, Main.start(settings, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo on a clock the test moves. */
  public static TestServer demoWithClock(java.time.Clock clock) {
    try {
      Path dir = Files.createTempDirectory("baton-test-");
      Path spec = Demo.installFiles(dir.resolve("demo"));
      var settings = new ServerSettings("127.0.0.1", 0, dir, DatabaseSettings.embedded(dir), spec, 4000, Optional.empty(), Optional.empty());
      return new TestServer(dir, true, Main.start(settings, true, clock));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo on a clock the test moves, purging expired data every {@code interval}. */
  public static TestServer demoWithRetentionPurgeEvery(java.time.Duration interval, java.time.Clock clock) {
    try {
      Path dir = Files.createTempDirectory("baton-test-");
      Path spec = Demo.installFiles(dir.resolve("demo"));
      var settings = new ServerSettings("127.0.0.1", 0, dir, DatabaseSettings.embedded(dir), spec, 4000, Optional.empty(), Optional.empty(),
          Optional.empty(), java.util.List.of(), Optional.empty(), Optional.empty(), interval, RateLimits.defaults(),
          SessionLifetime.defaults());
      return new TestServer(dir, true, Main.start(settings, true, clock));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo on a clock the test moves, sending email handoffs to this SMTP server. */
  public static TestServer demoWithClockAndMail(java.time.Clock clock, baton.channels.MailSettings mail) {
    try {
      Path dir = Files.createTempDirectory("baton-test-");
      Path spec = Demo.installFiles(dir.resolve("demo"));
      var settings = new ServerSettings("127.0.0.1", 0, dir, DatabaseSettings.embedded(dir), spec, 4000, Optional.empty(),
          Optional.empty(), Optional.of(mail));
      return new TestServer(dir, true, Main.start(settings, true, clock));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The demo with changed settings (e.g. tight rate limits) on a clock the test moves. */
  public static TestServer demoWith(java.util.function.UnaryOperator<ServerSettings> change, java.time.Clock clock) {
    try {
      Path dir = Files.createTempDirectory("baton-test-");
      Path spec = Demo.installFiles(dir.resolve("demo"));
      var settings = new ServerSettings("127.0.0.1", 0, dir, DatabaseSettings.embedded(dir), spec, 4000, Optional.empty(), Optional.empty());
      return new TestServer(dir, true, Main.start(change.apply(settings), true, clock));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A view of a server the test started itself, for building clients; closing it stays the caller's job. */
  public static TestServer wrapping(Baton baton) {
    return new TestServer(Path.of("."), false, baton);
  }

  private static Baton startIn(Path dir, DatabaseSettings database, int maxMessageChars, int port) {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    var settings = new ServerSettings("127.0.0.1", port, dir, database, spec, maxMessageChars, Optional.empty(), Optional.empty());
    return Main.start(settings, true);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + baton.port() + path);
  }

  public URI wsUri(String path) {
    return URI.create("ws://127.0.0.1:" + baton.port() + path);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + baton.port();
  }

  public Baton baton() {
    return baton;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    baton.close();
    if (ownsDir) {
      TestDatabases.deleteQuietly(dataDir);
    }
  }
}
