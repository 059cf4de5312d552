package baton.platform;

import static java.util.Objects.requireNonNull;

/**
 * An error that reaches the client as {@code {"error":{"code","message"}}} with its HTTP status.
 * Thrown by handlers at the edge; the message must be safe to show (no stack traces, no customer text).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final java.util.Optional<java.time.Duration> retryAfter;

  public ApiException(int status, String code, String message) {
    this(status, code, message, java.util.Optional.empty());
  }

  private ApiException(int status, String code, String message, java.util.Optional<java.time.Duration> retryAfter) {
    super(requireNonNull(message), null, false, false);
    this.status = status;
    this.code = requireNonNull(code);
    this.retryAfter = retryAfter;
  }

  /** 429 with a {@code Retry-After} header: nothing was done, the same request may be sent again after the wait. */
  public static ApiException rateLimited(String message, java.time.Duration retryAfter) {
    return new ApiException(429, "rate_limited", message, java.util.Optional.of(retryAfter));
  }

  /** Whole seconds to wait, rounded up (at least 1), for the {@code Retry-After} header. */
  public java.util.Optional<Long> retryAfterSeconds() {
    return retryAfter.map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found.");
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "invalid_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }
}
