package baton.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Event bus for several nodes: events go to this node's listeners at once and to the other nodes
 * through Redis pub/sub. Redis is a notification path only (docs/decisions/0004): when it is down,
 * this node keeps working alone and publishing fails quietly; when the subscription comes back after
 * a gap, every local listener receives {@link EventBus#RESYNC}, because events other nodes published
 * meanwhile are lost and holders of sockets must make their clients catch up from the store.
 *
 * <p>Each message carries the publishing node's id so a node ignores the echo of its own events.
 */
public final class RedisEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final URI redisUrl;
  private final String prefix;
  private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
  private final InProcessEventBus local = new InProcessEventBus();
  private final RedisClient publisher;
  private volatile Subscriber subscriber;
  private final Thread subscriberThread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean publishFailing = new AtomicBoolean();
  private final AtomicLong resyncs = new AtomicLong();
  private volatile boolean subscribed;

  private RedisEventBus(URI redisUrl, String channelPrefix) {
    this.redisUrl = Objects.requireNonNull(redisUrl, "redisUrl");
    this.prefix = Objects.requireNonNull(channelPrefix, "channelPrefix");
    this.publisher = RedisClient.create(redisUrl);
    this.subscriberThread = Thread.ofPlatform().daemon().name("redis-events-" + nodeId).unstarted(this::subscribeForever);
  }

  /**
   * Connects to Redis at {@code redis://host:port[/db]}; nodes that share a prefix form one cluster.
   * Starts even when Redis is unreachable (it keeps retrying), so a Redis outage never stops a node.
   */
  public static RedisEventBus connect(URI redisUrl, String channelPrefix) {
    var bus = new RedisEventBus(redisUrl, channelPrefix);
    bus.subscriberThread.start();
    return bus;
  }

  /** Blocks until the Redis subscription is live, so tests and startup logs can rely on it. */
  public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!subscribed && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return subscribed;
  }

  /** How often the subscription came back after a gap (each time listeners were told to resync). */
  public long resyncCount() {
    return resyncs.get();
  }

  public String nodeId() {
    return nodeId;
  }

  @Override
  public void publish(String topic, String json) {
    local.publish(topic, json);
    try {
      publisher.publish(prefix + topic, nodeId + '|' + json);
      if (publishFailing.compareAndSet(true, false)) {
        log.info("publishing to Redis works again");
      }
    } catch (JedisException e) {
      // The store holds the event's substance; other nodes' clients catch up when the bus resyncs.
      if (publishFailing.compareAndSet(false, true)) {
        log.warn("cannot publish to Redis at {}; other nodes see this node's events after it is back: {}", describe(), e.getMessage());
      }
    }
  }

  @Override
  public Subscription subscribe(String topic, Consumer<String> listener) {
    return local.subscribe(topic, listener);
  }

  @Override
  public void resyncLocalListeners() {
    local.resyncLocalListeners();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Subscriber current = subscriber;
      if (current != null && current.isSubscribed()) {
        current.punsubscribe();
      }
    } catch (RuntimeException e) {
      log.debug("unsubscribing from Redis failed while closing", e);
    }
    subscriberThread.interrupt();
    publisher.close();
    local.close();
  }

  private void subscribeForever() {
    long backoffMs = 100;
    boolean everSubscribed = false;
    while (!closed.get()) {
      var current = new Subscriber(everSubscribed);
      subscriber = current;
      try (var connection = new Jedis(redisUrl)) {
        connection.psubscribe(current, prefix + "*");
      } catch (JedisException e) {
        if (closed.get()) {
          return;
        }
        if (current.confirmed || !everSubscribed && backoffMs == 100) {
          log.warn("Redis subscription at {} lost or unavailable; retrying: {}", describe(), e.getMessage());
        }
      } finally {
        subscribed = false;
      }
      if (current.confirmed) {
        everSubscribed = true;
        backoffMs = 100;
      }
      try {
        Thread.sleep(backoffMs);
      } catch (InterruptedException e) {
        return;
      }
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
    }
  }

  private String describe() {
    return redisUrl.getHost() + ":" + redisUrl.getPort();
  }

  private final class Subscriber extends JedisPubSub {
    private final boolean afterGap;
    volatile boolean confirmed;

    Subscriber(boolean afterGap) {
      this.afterGap = afterGap;
    }

    @Override
    public void onPSubscribe(String pattern, int subscribedChannels) {
      confirmed = true;
      subscribed = true;
      if (afterGap) {
        resyncs.incrementAndGet();
        log.info("Redis subscription back at {}; telling live clients to catch up from the store", describe());
        local.resyncLocalListeners();
      }
    }

    @Override
    public void onPMessage(String pattern, String channel, String message) {
      int bar = message.indexOf('|');
      if (bar < 0 || !channel.startsWith(prefix)) {
        return;
      }
      if (bar == nodeId.length() && message.startsWith(nodeId)) {
        return;
      }
      local.publish(channel.substring(prefix.length()), message.substring(bar + 1));
    }
  }
}
