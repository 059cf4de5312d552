package baton.platform;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/** {@code /health}, {@code /metrics} and {@code /api/openapi.json}: what operators and scripts poll. */
public final class OperationsRoutes implements HttpRoutes {
  private final Database database;
  private final PrometheusMeterRegistry prometheus;
  private final byte[] openApi;

  public OperationsRoutes(Database database, PrometheusMeterRegistry prometheus) {
    this.database = database;
    this.prometheus = prometheus;
    try (InputStream in = OperationsRoutes.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/health", ctx -> {
      boolean up = database.isReachable();
      var body = new LinkedHashMap<String, Object>();
      body.put("status", up ? "UP" : "DOWN");
      body.put("database", up ? "UP" : "DOWN");
      ctx.status(up ? 200 : 503).json(body);
    });
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.scrape()));
    routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
  }
}
