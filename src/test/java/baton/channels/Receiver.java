package baton.channels;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver for tests, on loopback only: records every request and answers with the replies
 * it was told to give, in order, then 200. Thread-safe.
 */
final class Receiver implements AutoCloseable {
  /** One request as received; header names lower-case, first value only. */
  record Request(String method, String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** How to answer one request. */
  record Reply(int status, Map<String, String> headers, String body, Duration delay) {
    static Reply status(int status) {
      return new Reply(status, Map.of(), "", Duration.ZERO);
    }

    static Reply status(int status, String body) {
      return new Reply(status, Map.of(), body, Duration.ZERO);
    }

    Reply withHeader(String name, String value) {
      var more = new TreeMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body, delay);
    }

    Reply after(Duration wait) {
      return new Reply(status, headers, body, wait);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();

  private Receiver(HttpServer server) {
    this.server = server;
  }

  static Receiver start() {
    try {
      var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
      var receiver = new Receiver(server);
      server.createContext("/", receiver::handle);
      server.setExecutor(receiver.threads);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tickets");
  }

  /** The next requests get these replies, in order. */
  void replyWith(Reply... next) {
    replies.addAll(List.of(next));
  }

  /** The next {@code times} requests get {@code status}. */
  void failNext(int times, int status) {
    for (int i = 0; i < times; i++) {
      replies.add(Reply.status(status));
    }
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var headers = new TreeMap<String, String>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
      Reply reply = replies.poll();
      if (reply == null) {
        reply = Reply.status(200, "{\"ok\":true}");
      }
      if (!reply.delay().isZero()) {
        try {
          Thread.sleep(reply.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
