package baton.platform;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on virtual threads, JSON errors for every failure under /api, request
 * size and content-type checks before any handler runs, security headers, HTTP metrics, and the
 * static web assets (widget, console, demo page) from the classpath folder {@code /web}.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  /** Enough for any message under the configurable limit, small enough that nobody can flood memory. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String CSP =
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " frame-ancestors 'self'; base-uri 'none'; form-action 'self'";
  private static final String STARTED_AT = "baton.startedAt";

  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  public static WebServer start(String host, int port, MeterRegistry meters, List<HttpRoutes> features) {
    Javalin app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.jsonMapper(new JavalinJackson(Json.mapper(), true));
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.startup.showJavalinBanner = false;
      config.router.ignoreTrailingSlashes = true;
      config.staticFiles.add(staticFiles -> {
        staticFiles.hostedPath = "/";
        staticFiles.directory = "/web";
        staticFiles.location = Location.CLASSPATH;
        staticFiles.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
      });
      // Third-party browser code comes only as WebJars from Maven Central: /webjars/<name>/<version>/…
      config.staticFiles.enableWebjars();
      var routes = config.routes;
      routes.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
      routes.before(ctx -> securityHeaders(ctx));
      routes.before("/api/*", WebServer::checkRequestBody);
      routes.after(ctx -> recordTiming(ctx, meters));
      routes.exception(ApiException.class, (e, ctx) -> writeError(ctx, e.status(), e.code(), e.getMessage()));
      routes.exception(Exception.class, (e, ctx) -> {
        log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        writeError(ctx, 500, "internal", "Something went wrong on our side; nothing you sent was lost.");
      });
      routes.error(404, ctx -> {
        if (ctx.path().startsWith("/api/") && !isErrorBody(ctx)) {
          writeError(ctx, 404, "not_found", "No such resource: " + ctx.method() + " " + ctx.path());
        }
      });
      routes.error(405, ctx -> {
        if (!isErrorBody(ctx)) {
          writeError(ctx, 405, "method_not_allowed", "Method not allowed.");
        }
      });
      // Jetty's own size limit answers 413 without a body; our handlers' 413s already carry one.
      routes.error(413, ctx -> {
        if (!isErrorBody(ctx)) {
          writeError(ctx, 413, "body_too_large", "Request body is over " + MAX_BODY_BYTES + " bytes.");
        }
      });
      features.forEach(feature -> feature.addTo(routes));
    });
    app.start(host, port);
    return new WebServer(app);
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    if (!ctx.path().startsWith("/api/") && !ctx.path().startsWith("/widget/")) {
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Frame-Options", "SAMEORIGIN");
    }
  }

  /** Rejects what no handler should have to look at: oversize bodies and bodies that are not JSON. */
  private static void checkRequestBody(Context ctx) {
    if (ctx.method() != HandlerType.POST && ctx.method() != HandlerType.PUT && ctx.method() != HandlerType.PATCH) {
      return;
    }
    long length = ctx.req().getContentLengthLong();
    if (length > MAX_BODY_BYTES) {
      throw new ApiException(413, "body_too_large", "Request body is over " + MAX_BODY_BYTES + " bytes.");
    }
    if (length != 0) {
      String type = ctx.contentType();
      if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        throw new ApiException(415, "unsupported_media_type", "Send the body as application/json, not " + type + ".");
      }
    }
  }

  private static boolean isErrorBody(Context ctx) {
    String result = ctx.result();
    return result != null && result.startsWith("{\"error\"");
  }

  private static void writeError(Context ctx, int status, String code, String message) {
    ctx.status(status).json(Map.of("error", Map.of("code", code, "message", message)));
  }

  private static void recordTiming(Context ctx, MeterRegistry meters) {
    Long started = ctx.attribute(STARTED_AT);
    if (started == null) {
      return;
    }
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    String uri = endpoint == null || endpoint.path.equals("*") || endpoint.path.equals("/api/*") ? "other" : endpoint.path;
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("uri", uri)
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(meters)
        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
