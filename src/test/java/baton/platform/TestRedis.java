package baton.platform;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis server at 127.0.0.1:6379 for tests. Tests skip when it is not reachable, unless
 * {@code BATON_REQUIRE_SERVICES=1} (as in CI), where they fail instead. Each test uses its own channel
 * prefix, so tests running at the same time never see each other's events.
 */
public final class TestRedis {
  public static final URI URL = URI.create(Optional.ofNullable(System.getenv("BATON_TEST_REDIS_URL")).orElse("redis://127.0.0.1:6379"));

  private TestRedis() {}

  public static URI require() {
    try (var jedis = new Jedis(URL)) {
      jedis.ping();
    } catch (JedisException e) {
      if ("1".equals(System.getenv("BATON_REQUIRE_SERVICES"))) {
        throw new AssertionError("Redis is required (BATON_REQUIRE_SERVICES=1) but not reachable at " + URL + ": " + e.getMessage(), e);
      }
      Assumptions.abort("Redis not reachable at " + URL + "; skipping");
    }
    return URL;
  }

  public static String freshPrefix() {
    return "baton-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** Drops every pub/sub connection, as a Redis restart does, without touching other clients. */
  public static void killSubscribers() {
    try (var jedis = new Jedis(URL)) {
      jedis.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
    }
  }
}
