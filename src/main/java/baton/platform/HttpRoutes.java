package baton.platform;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP and WebSocket endpoints, added to the one server at start-up. */
@FunctionalInterface
public interface HttpRoutes {
  void addTo(RoutesConfig routes);
}
