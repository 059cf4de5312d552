package baton.bench;

import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The one HTTP client of a load run: HTTP/1.1 (as browsers talk to Baton; no h2c upgrade attempts),
 * callbacks on virtual threads, JSON in and out. Agent sessions pass their cookie themselves, so one
 * client serves every customer and agent; {@link #at} gives the same client aimed at another node of a
 * cluster. Thread-safe.
 */
final class BatonHttp implements AutoCloseable {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private final URI base;
  private final HttpClient client;
  private final boolean ownsClient;

  BatonHttp(URI base) {
    this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build(), true);
  }

  private BatonHttp(URI base, HttpClient client, boolean ownsClient) {
    this.base = base;
    this.client = client;
    this.ownsClient = ownsClient;
  }

  /** This client aimed at another node; closing it leaves the shared client open. */
  BatonHttp at(URI node) {
    return node.equals(base) ? this : new BatonHttp(node, client, false);
  }

  URI base() {
    return base;
  }

  record Reply(int status, JsonNode json, Optional<String> setCookie) {}

  /** POSTs JSON; headers in name, value pairs. Blocking: callers are virtual threads. */
  Reply post(String path, String body, String... headers) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request, headers);
  }

  Reply get(String path, String... headers) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET(), headers);
  }

  String getText(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private Reply send(HttpRequest.Builder request, String... headers) throws IOException, InterruptedException {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? MissingNode.getInstance() : Json.readTree(response.body());
    return new Reply(response.statusCode(), json, response.headers().firstValue("Set-Cookie"));
  }

  CompletableFuture<WebSocket> webSocket(String path, String cookie, WebSocket.Listener listener) {
    var builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (cookie != null) {
      builder.header("Cookie", cookie);
    }
    URI http = base.resolve(path);
    return builder.buildAsync(URI.create(http.toString().replaceFirst("^http", "ws")), listener);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
