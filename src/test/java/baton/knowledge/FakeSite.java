package baton.knowledge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A website served on 127.0.0.1 for web-sync tests: pages by path, each with a status, content type
 * and ETag (a request whose If-None-Match equals it gets 304), and a log of every request with its
 * headers. Unknown paths are 404. Thread-safe.
 */
final class FakeSite implements AutoCloseable {
  record Response(int status, String contentType, String body, String etag) {}

  record Request(String path, String ifNoneMatch, String userAgent) {}

  private final HttpServer server;
  private final Map<String, Response> responses = new ConcurrentHashMap<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  FakeSite html(String path, String html) {
    return respond(path, new Response(200, "text/html; charset=utf-8", html, "\"" + Integer.toHexString(html.hashCode()) + "\""));
  }

  FakeSite respond(String path, Response response) {
    responses.put(path, response);
    return this;
  }

  /** Answers {@code path} only after {@code millis}, to make requests time out. */
  FakeSite slow(String path, long millis) {
    delays.put(path, millis);
    return this;
  }

  FakeSite remove(String path) {
    responses.remove(path);
    return this;
  }

  List<Request> requestsFor(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    requests.add(new Request(path, ifNoneMatch, exchange.getRequestHeaders().getFirst("User-Agent")));
    try {
      Thread.sleep(delays.getOrDefault(path, 0L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Response response = responses.getOrDefault(path, new Response(404, "text/plain", "not found", null));
    if (response.etag() != null) {
      exchange.getResponseHeaders().set("ETag", response.etag());
    }
    if (response.status() == 200 && response.etag() != null && response.etag().equals(ifNoneMatch)) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
