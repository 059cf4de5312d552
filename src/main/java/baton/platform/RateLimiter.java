package baton.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets by key (a client address, a conversation, an address and an email), in memory.
 *
 * <p>Each key's bucket holds up to {@link RateLimit#count()} tokens and refills continuously at
 * {@code count / per}. A bucket is created full on first use, so a key only needs memory while it is
 * being limited. The map is bounded: past {@code maxKeys} the least recently used bucket is dropped,
 * so a flood of addresses cannot grow memory without limit. A dropped key starts again with a full
 * bucket; that is the price of the bound, and it only helps an attacker who already controls more
 * addresses than {@code maxKeys}. Limits are per node: behind a load balancer each node counts alone.
 *
 * <p>Thread-safe: one lock around the map; each operation is a few arithmetic steps.
 */
public final class RateLimiter {
  private final RateLimit limit;
  private final Clock clock;
  private final Map<String, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    long refilledAtMillis;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAtMillis = now;
    }
  }

  public RateLimiter(RateLimit limit, int maxKeys, Clock clock) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be positive");
    }
    this.limit = limit;
    this.clock = clock;
    this.buckets = new LinkedHashMap<>(Math.min(maxKeys, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxKeys;
      }
    };
  }

  /**
   * Takes one token from the key's bucket. Empty when allowed; otherwise how long until the next
   * token, and nothing is taken.
   */
  public Optional<Duration> acquire(String key) {
    if (limit.isOff()) {
      return Optional.empty();
    }
    synchronized (buckets) {
      Bucket bucket = refilled(key);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(untilNextToken(bucket));
    }
  }

  /** How long until the key may act again, without taking a token: empty when it may act now. */
  public Optional<Duration> blocked(String key) {
    if (limit.isOff()) {
      return Optional.empty();
    }
    synchronized (buckets) {
      Bucket bucket = buckets.get(key);
      if (bucket == null) {
        return Optional.empty();
      }
      refill(bucket);
      return bucket.tokens >= 1 ? Optional.empty() : Optional.of(untilNextToken(bucket));
    }
  }

  /** Keys currently held; for tests and metrics. */
  public int size() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  private Bucket refilled(String key) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = new Bucket(limit.count(), clock.millis());
      buckets.put(key, bucket);
      return bucket;
    }
    refill(bucket);
    return bucket;
  }

  private void refill(Bucket bucket) {
    long now = clock.millis();
    long elapsed = Math.max(0, now - bucket.refilledAtMillis);
    bucket.tokens = Math.min(limit.count(), bucket.tokens + elapsed * tokensPerMilli());
    bucket.refilledAtMillis = now;
  }

  private Duration untilNextToken(Bucket bucket) {
    return Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) * limit.per().toMillis() / limit.count()));
  }

  private double tokensPerMilli() {
    return (double) limit.count() / limit.per().toMillis();
  }
}
