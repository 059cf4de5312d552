package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServletSessionsTest {

  @Test
  void webSocketUpgrades_leaveNoServletSessionBehind() throws Exception {
    var connected = new AtomicInteger();
    HttpRoutes live = routes -> routes.ws("/api/test/live", ws -> ws.onConnect(ctx -> connected.incrementAndGet()));
    try (WebServer server = WebServer.start("127.0.0.1", 0, new SimpleMeterRegistry(), List.of(live))) {
      HttpClient http = HttpClient.newHttpClient();
      List<WebSocket> sockets = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        sockets.add(http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/test/live"), new WebSocket.Listener() { })
            .get(5, TimeUnit.SECONDS));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (connected.get() < sockets.size() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(connected.get()).isEqualTo(sockets.size());

      // Javalin's upgrade reads the servlet session's attributes, which makes Jetty create one per
      // socket; nothing in Baton uses them, and kept until a 30-minute expiry they piled up to tens
      // of thousands during a soak.
      assertThat(server.servletSessionsHeld()).isZero();
      sockets.forEach(WebSocket::abort);
    }
  }
}
