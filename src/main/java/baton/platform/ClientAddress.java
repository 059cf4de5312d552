package baton.platform;

import io.javalin.http.Context;

/**
 * The address a request came from, for rate limits. Behind a reverse proxy every request comes from
 * the proxy, so the proxy's {@code X-Forwarded-For} must be used instead; only its last entry is
 * trusted (the one the proxy appended), since a client can write anything into the earlier ones.
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(Context ctx, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String forwarded = ctx.header("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].strip();
        if (!last.isEmpty() && last.length() <= 64) {
          return last;
        }
      }
    }
    return ctx.ip();
  }
}
