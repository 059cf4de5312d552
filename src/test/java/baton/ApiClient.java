package baton;

import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A plain HTTP client for end-to-end tests: JSON in and out, cookies kept like a browser's. */
public final class ApiClient {
  private final TestServer server;
  private final CookieManager cookies;
  private final HttpClient http;
  private String csrfToken;

  public ApiClient(TestServer server) {
    this(server, new CookieManager(), null);
  }

  private ApiClient(TestServer server, CookieManager cookies, String csrfToken) {
    this.server = server;
    this.cookies = cookies;
    this.csrfToken = csrfToken;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The same browser-like client (cookies, CSRF token) talking to another server, e.g. after a restart. */
  public ApiClient pointedAt(TestServer other) {
    return new ApiClient(other, cookies, csrfToken);
  }

  public record Response(int status, String body, Map<String, List<String>> headers) {
    public JsonNode json() {
      return Json.readTree(body);
    }

    public String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  public Response get(String path, String... headers) {
    return send(HttpRequest.newBuilder(server.uri(path)).GET(), headers);
  }

  public Response post(String path, String body, String... headers) {
    return postAs(path, "application/json", body, headers);
  }

  public Response postAs(String path, String contentType, String body, String... headers) {
    var request = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request, headers);
  }

  /** A POST to the agent API with the CSRF token from the last login. */
  public Response agentPost(String path, String body) {
    return post(path, body, "X-CSRF-Token", csrfToken == null ? "" : csrfToken);
  }

  /** A PATCH to the agent API with the CSRF token from the last login. */
  public Response agentPatch(String path, String body) {
    var request = HttpRequest.newBuilder(server.uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    return send(request, "X-CSRF-Token", csrfToken == null ? "" : csrfToken);
  }

  /** A DELETE to the agent API with the CSRF token from the last login. */
  public Response agentDelete(String path) {
    return send(HttpRequest.newBuilder(server.uri(path)).DELETE(), "X-CSRF-Token", csrfToken == null ? "" : csrfToken);
  }

  /** A DELETE without the CSRF token, as another site would send it with the agent's cookie. */
  public Response deleteWithoutCsrf(String path) {
    return send(HttpRequest.newBuilder(server.uri(path)).DELETE());
  }

  public Response login(String email, String password) {
    Response response = post("/api/agent/login", Json.write(Map.of("email", email, "password", password)));
    if (response.status() == 200) {
      csrfToken = response.json().path("csrfToken").asText();
    }
    return response;
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  private Response send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens a WebSocket; the agent's session cookie goes along, as a browser would send it. */
  public LiveFrames openLive(String path) {
    var frames = new LiveFrames();
    var builder = http.newWebSocketBuilder();
    String cookieHeader = String.join("; ", cookies.getCookieStore().getCookies().stream()
        .map(cookie -> cookie.getName() + "=" + cookie.getValue()).toList());
    if (!cookieHeader.isEmpty()) {
      builder.header("Cookie", cookieHeader);
    }
    frames.socket = builder.buildAsync(server.wsUri(path), frames).join();
    return frames;
  }

  /** Frames received on one WebSocket, for tests to wait on. */
  public static final class LiveFrames implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile int closeCode = -1;
    private WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(Json.readTree(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode = statusCode;
      return null;
    }

    /** Waits for the first frame (already seen or new) that matches. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
      synchronized (seen) {
        for (JsonNode frame : seen) {
          if (match.test(frame)) {
            return frame;
          }
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          JsonNode frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (frame == null) {
            break;
          }
          synchronized (seen) {
            seen.add(frame);
          }
          if (match.test(frame)) {
            return frame;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new AssertionError("no matching frame within " + timeout + "; saw " + seen);
    }

    public JsonNode awaitMessage(Predicate<JsonNode> message) {
      return await(frame -> frame.path("type").asText().equals("message") && message.test(frame.path("message")),
          Duration.ofSeconds(10)).path("message");
    }

    public List<JsonNode> seen() {
      synchronized (seen) {
        frames.drainTo(seen);
        return List.copyOf(seen);
      }
    }

    public int awaitClose(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (closeCode < 0 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return closeCode;
    }

    public void send(String text) {
      socket.sendText(text, true).join();
    }

    @Override
    public void close() {
      if (socket != null && !socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
      }
    }
  }
}
