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
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.session.SessionCache;
import org.eclipse.jetty.util.component.LifeCycle;
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
  /**
   * Connections the kernel may hold before Jetty accepts them. The JDK's default of 50 overflowed
   * when a thousand customers opened the widget within seconds (a newsletter going out): the kernel
   * then drops connection attempts and clients wait 1 s, 3 s … to retry. Linux caps it at
   * net.core.somaxconn (4096 on current kernels).
   */
  static final int ACCEPT_QUEUE = 2048;
  /** Largest WebSocket frame a client may send; clients only send small control frames (typing, ping). */
  public static final int MAX_FRAME_BYTES = 4 * 1024;
  /**
   * Every page and every response: our own scripts, styles and connections only (CSP level 3 lets
   * 'self' cover same-origin ws/wss), no plugins, and no framing anywhere (docs/decisions/0010). The
   * widget is not framed: it is a script on the host page, and the host page's CSP governs it there.
   */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final String STARTED_AT = "baton.startedAt";

  /** How long a stopping server lets requests already running finish. */
  static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(10);
  private final Javalin app;
  private final Drain drain;
  private final Server jetty;
  private final SessionHandler sessions;

  private WebServer(Javalin app, Drain drain, Server jetty, SessionHandler sessions) {
    this.app = app;
    this.drain = drain;
    this.jetty = jetty;
    this.sessions = sessions;
  }

  /**
   * Requests in flight, and whether the server is stopping. A stopping server answers new requests
   * with 503 and a Retry-After, so a load balancer or client retries on another node, and waits for
   * the running ones before it closes connections: nothing a client was told succeeded is cut off.
   */
  private static final class Drain {
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean draining;

    void enter(Context ctx) {
      inFlight.incrementAndGet();
      ctx.attribute(IN_FLIGHT, Boolean.TRUE);
      if (draining) {
        ctx.header("Retry-After", "1");
        ctx.header("Connection", "close");
        throw new ApiException(503, "shutting_down", "This server is restarting; try again in a moment.");
      }
    }

    void leave(Context ctx) {
      if (ctx.attribute(IN_FLIGHT) != null) {
        ctx.attribute(IN_FLIGHT, null);
        inFlight.decrementAndGet();
      }
    }

    /** Stops taking requests and waits, at most the timeout, for the running ones; true when all finished. */
    boolean drain(java.time.Duration timeout) {
      draining = true;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return inFlight.get() == 0;
    }

  }

  private static final String IN_FLIGHT = "baton.inFlight";

  /** Javalin adds its connector just before starting the server; the queue size must be set before it binds. */
  private static void enlargeAcceptQueue(Server server) {
    server.addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        for (var connector : server.getConnectors()) {
          if (connector instanceof ServerConnector serverConnector) {
            serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
          }
        }
      }
    });
  }

  /**
   * Javalin's WebSocket upgrade copies the servlet session's attributes, so Jetty creates a session
   * for every socket, and by default keeps it in memory for 30 minutes after its last use. Baton
   * keeps no state in servlet sessions (agents carry their own tokens), yet a 30-minute soak held
   * 27,000 of them. Evicted from the cache when the request that made it ends, a session lives only as
   * long as the socket whose upgrade data refers to it.
   */
  private static SessionHandler forgetSessionsAfterEachRequest(ServletContextHandler context) {
    SessionHandler handler = context.getSessionHandler();
    var cache = new DefaultSessionCache(handler);
    cache.setEvictionPolicy(SessionCache.EVICT_ON_SESSION_EXIT);
    cache.setSessionDataStore(new NullSessionDataStore());
    handler.setSessionCache(cache);
    return handler;
  }

  public static WebServer start(String host, int port, MeterRegistry meters, List<HttpRoutes> features) {
    var drain = new Drain();
    var jetty = new java.util.concurrent.atomic.AtomicReference<Server>();
    var sessions = new java.util.concurrent.atomic.AtomicReference<SessionHandler>();
    Javalin app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.jsonMapper(new JavalinJackson(Json.mapper(), true));
      config.http.maxRequestSize = MAX_BODY_BYTES;
      // Jetty closes a socket that sends a bigger frame with 1009 (message too big) before any handler sees it.
      config.jetty.modifyWebSocketServletFactory(factory -> {
        factory.setMaxTextMessageSize(MAX_FRAME_BYTES);
        factory.setMaxBinaryMessageSize(MAX_FRAME_BYTES);
      });
      config.jetty.modifyServletContextHandler(context -> sessions.set(forgetSessionsAfterEachRequest(context)));
      config.startup.showJavalinBanner = false;
      config.jetty.modifyServer(server -> {
        jetty.set(server);
        enlargeAcceptQueue(server);
      });
      config.router.ignoreTrailingSlashes = true;
      config.staticFiles.add(staticFiles -> {
        staticFiles.hostedPath = "/";
        staticFiles.directory = "/web";
        staticFiles.location = Location.CLASSPATH;
        staticFiles.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", CSP, "Referrer-Policy", "same-origin", "X-Frame-Options", "DENY");
      });
      // Third-party browser code comes only as WebJars from Maven Central: /webjars/<name>/<version>/…
      config.staticFiles.enableWebjars();
      var routes = config.routes;
      routes.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
      routes.before(drain::enter);
      routes.before(ctx -> securityHeaders(ctx));
      routes.before("/api/*", WebServer::checkRequestBody);
      routes.after(ctx -> recordTiming(ctx, meters));
      routes.after(drain::leave);
      routes.exception(ApiException.class, (e, ctx) -> {
        e.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", Long.toString(seconds)));
        if (e.status() == 429) {
          meters.counter("baton.rate.limited", "uri", uriTag(ctx)).increment();
        }
        writeError(ctx, e.status(), e.code(), e.getMessage());
      });
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
    return new WebServer(app, drain, jetty.get(), sessions.get());
  }

  /**
   * On every response, JSON and scripts included: a policy on a response that is not a page costs
   * nothing, and one forgotten path cannot serve an unprotected page.
   */
  private static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
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
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("uri", uriTag(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(meters)
        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The route's pattern, never the raw path: ids in paths would make a time series per conversation. */
  private static String uriTag(Context ctx) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    return endpoint == null || endpoint.path.equals("*") || endpoint.path.equals("/api/*") ? "other" : endpoint.path;
  }

  public int port() {
    return app.port();
  }

  /** Servlet sessions in Jetty's session cache; Baton authenticates with its own tokens, so this stays at zero. */
  public long servletSessionsHeld() {
    return sessions.getSessionCache() instanceof DefaultSessionCache cache ? cache.getSessionsCurrent() : 0;
  }

  /** Every request handler as "METHOD /path" (Javalin's path syntax), for checking the API description. */
  public List<String> endpoints() {
    var methods = java.util.Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> methods.contains(endpoint.method))
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  /** The listen backlog of each connector, as bound. */
  public List<Integer> acceptQueueSizes() {
    return java.util.Arrays.stream(jetty.getConnectors())
        .filter(ServerConnector.class::isInstance)
        .map(connector -> ((ServerConnector) connector).getAcceptQueueSize())
        .toList();
  }

  /** Answers new requests with 503 from now on and waits for those in flight (at most {@link #DRAIN_TIMEOUT}). */
  public void drain() {
    if (!drain.drain(DRAIN_TIMEOUT)) {
      log.warn("stopping with requests still running after {} s", DRAIN_TIMEOUT.toSeconds());
    }
  }

  @Override
  public void close() {
    drain();
    app.stop();
  }
}
