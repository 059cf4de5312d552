package baton.platform;

import static java.util.Objects.requireNonNull;

/**
 * The server's rate limits, all per node and in memory (see {@link RateLimiter}).
 *
 * @param perAddress every customer API request and WebSocket upgrade, per client address
 * @param startsPerAddress conversations started, per client address (each one is stored)
 * @param perConversation customer messages posted, per conversation
 * @param framesPerSocket frames a customer sends on one live socket (typing, ping)
 * @param failedLogins failed agent logins per client address and email, against password guessing
 * @param loginsPerAddress agent login attempts per client address (each costs a bcrypt check)
 * @param maxKeys how many addresses, conversations or logins each limiter remembers at most
 * @param trustForwardedFor take the client address from the last {@code X-Forwarded-For} entry;
 *     only behind a reverse proxy that sets it, or every client could pick its own address
 */
public record RateLimits(
    RateLimit perAddress,
    RateLimit startsPerAddress,
    RateLimit perConversation,
    RateLimit framesPerSocket,
    RateLimit failedLogins,
    RateLimit loginsPerAddress,
    int maxKeys,
    boolean trustForwardedFor) {
  public static final int DEFAULT_MAX_KEYS = 100_000;

  public RateLimits {
    requireNonNull(perAddress, "perAddress");
    requireNonNull(startsPerAddress, "startsPerAddress");
    requireNonNull(perConversation, "perConversation");
    requireNonNull(framesPerSocket, "framesPerSocket");
    requireNonNull(failedLogins, "failedLogins");
    requireNonNull(loginsPerAddress, "loginsPerAddress");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be positive");
    }
  }

  /**
   * Generous for people, tight for scripts: a customer types far below 20 messages a minute; an office
   * behind one address can still run hundreds of chats; a mistyped password is not locked out.
   */
  /** No limits at all: for load tests and fuzzing, where the point is to push the server itself. */
  public static RateLimits off() {
    return new RateLimits(RateLimit.OFF, RateLimit.OFF, RateLimit.OFF, RateLimit.OFF, RateLimit.OFF, RateLimit.OFF, DEFAULT_MAX_KEYS, false);
  }

  public static RateLimits defaults() {
    return new RateLimits(RateLimit.parse("300/min"), RateLimit.parse("60/h"), RateLimit.parse("20/min"),
        RateLimit.parse("120/min"), RateLimit.parse("20/h"), RateLimit.parse("60/min"), DEFAULT_MAX_KEYS, false);
  }
}
