package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveSocketTest {
  private static final String FRAME = "x".repeat(16 * 1024);

  @Test
  void clientThatStopsReading_isClosedWhenItsQueueIsFull_andOthersStayServed() throws Exception {
    var sockets = new ConcurrentHashMap<String, LiveSocket>();
    HttpRoutes live = routes -> routes.ws("/api/test/live/{name}", ws -> {
      ws.onConnect(ctx -> sockets.put(ctx.pathParam("name"), new LiveSocket(ctx)));
      ws.onMessage(ctx -> sockets.get(ctx.pathParam("name")).send("echo:" + ctx.message()));
    });
    try (WebServer server = WebServer.start("127.0.0.1", 0, new SimpleMeterRegistry(), List.of(live))) {
      HttpClient http = HttpClient.newHttpClient();
      var stalled = http.newWebSocketBuilder().buildAsync(uri(server, "stalled"), new Stalled()).get(5, TimeUnit.SECONDS);
      var healthy = new Healthy();
      var responsive = http.newWebSocketBuilder().buildAsync(uri(server, "healthy"), healthy).get(5, TimeUnit.SECONDS);
      awaitTrue(() -> sockets.size() == 2);
      LiveSocket slow = sockets.get("stalled");

      // Far more than the socket buffers and the bounded outbox together can hold.
      for (int i = 0; i < 20_000 && !slow.isClosed(); i++) {
        slow.send(FRAME);
      }

      assertThat(slow.isClosed()).as("closed rather than queueing without bound").isTrue();
      long started = System.nanoTime();
      responsive.sendText("ping", true).get(5, TimeUnit.SECONDS);
      assertThat(healthy.reply.get(5, TimeUnit.SECONDS)).isEqualTo("echo:ping");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      stalled.abort();
      responsive.abort();
    }
  }

  private static URI uri(WebServer server, String name) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/api/test/live/" + name);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  /** Never asks for a frame after the first: the server's writes back up. */
  private static final class Stalled implements WebSocket.Listener {
    @Override
    public void onOpen(WebSocket webSocket) {
      // no webSocket.request(n): demand stays at zero
    }
  }

  private static final class Healthy implements WebSocket.Listener {
    final CompletableFuture<String> reply = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      reply.complete(data.toString());
      webSocket.request(1);
      return null;
    }
  }
}
