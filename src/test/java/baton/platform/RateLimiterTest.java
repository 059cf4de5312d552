package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

  @Test
  void acquire_allowsTheBurst_thenSaysHowLongToWait() {
    var limiter = new RateLimiter(RateLimit.parse("3/min"), 100, clock);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("10.0.0.1")).isEmpty();
    }

    assertThat(limiter.acquire("10.0.0.1")).contains(Duration.ofSeconds(20));
    assertThat(limiter.acquire("10.0.0.2")).as("another key has its own bucket").isEmpty();
  }

  @Test
  void acquire_refillsEvenlyOverThePeriod() {
    var limiter = new RateLimiter(RateLimit.parse("3/min"), 100, clock);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("key");
    }

    clock.advance(Duration.ofSeconds(19));
    assertThat(limiter.acquire("key")).contains(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.acquire("key")).isEmpty();
    assertThat(limiter.acquire("key")).isPresent();
  }

  @Test
  void blocked_looksWithoutTakingATokenFromTheBucket() {
    var limiter = new RateLimiter(RateLimit.parse("2/h"), 100, clock);
    assertThat(limiter.blocked("key")).isEmpty();
    limiter.acquire("key");
    assertThat(limiter.blocked("key")).isEmpty();
    limiter.acquire("key");

    assertThat(limiter.blocked("key")).contains(Duration.ofMinutes(30));
    assertThat(limiter.blocked("key")).contains(Duration.ofMinutes(30));
  }

  @Test
  void acquire_withAFloodOfKeys_remembersAtMostMaxKeys() {
    var limiter = new RateLimiter(RateLimit.parse("1/h"), 1000, clock);

    for (int i = 0; i < 50_000; i++) {
      limiter.acquire("10.0." + (i / 256) + "." + (i % 256));
    }

    assertThat(limiter.size()).isEqualTo(1000);
    assertThat(limiter.acquire("10.0.195.79")).as("the most recent key is still limited").isPresent();
  }

  @Test
  void acquire_whenOff_neverLimits() {
    var limiter = new RateLimiter(RateLimit.parse("off"), 10, clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire("key")).isEmpty();
    }
    assertThat(limiter.size()).isZero();
  }

  @Test
  void parse_readsCountAndUnit_andRejectsAnythingElse() {
    assertThat(RateLimit.parse("30/min")).isEqualTo(RateLimit.of(30, Duration.ofMinutes(1)));
    assertThat(RateLimit.parse(" 5 / s ")).isEqualTo(RateLimit.of(5, Duration.ofSeconds(1)));
    assertThat(RateLimit.parse("100/h").toString()).isEqualTo("100/h");
    assertThat(RateLimit.parse("OFF").isOff()).isTrue();
    assertThatThrownBy(() -> RateLimit.parse("30 per minute")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30/min");
    assertThatThrownBy(() -> RateLimit.parse("0/min")).isInstanceOf(IllegalArgumentException.class);
  }
}
