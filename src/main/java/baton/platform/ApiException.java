package baton.platform;

import static java.util.Objects.requireNonNull;

/**
 * An error that reaches the client as {@code {"error":{"code","message"}}} with its HTTP status.
 * Thrown by handlers at the edge; the message must be safe to show (no stack traces, no customer text).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(requireNonNull(message), null, false, false);
    this.status = status;
    this.code = requireNonNull(code);
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
