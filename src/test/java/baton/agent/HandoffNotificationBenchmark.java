package baton.agent;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import baton.platform.DatabaseSettings;
import baton.platform.Json;
import baton.platform.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Handoff-to-agent-notification latency on one node: a customer's "agent please" goes through the real
 * HTTP API, the bot hands off, the auto-assigning support queue gives the conversation to the one
 * online agent, and the agent's console socket receives the {@code state: WITH_AGENT} event naming them.
 * Measured from just before the customer's POST is sent (so it includes the bot's turn and the handoff
 * commit), and from the moment the POST's response arrives (after the commit) — the second can be
 * negative when the event overtakes the response. Each conversation is resolved afterwards, outside
 * the measurement, so the agent never fills up.
 *
 * <p>{@code history} resolved handoffs of the support team are stored first, as a server that has run
 * for a while has them: the wait estimate of every live handoff reads the team's latest ones.
 *
 * <p>Prints p50/p90/p99/max per database (H2 file, then PostgreSQL at 127.0.0.1:5432/test if present).
 * Run with bench/handoff-notification.sh; arguments: [iterations] [warm-up iterations] [history].
 */
public final class HandoffNotificationBenchmark {
  private HandoffNotificationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int history = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    try (var server = TestServer.demo()) {
      storeHistory(server, history);
      run("H2 (file)", server, iterations, warmup);
    }
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DatabaseSettings postgres = TestDatabases.postgresSettings(schema);
    try (var server = TestServer.demoOn(postgres)) {
      storeHistory(server, history);
      run("PostgreSQL", server, iterations, warmup);
    } finally {
      TestDatabases.dropSchema(schema);
    }
  }

  /** {@code count} handoffs of one old conversation, picked up and resolved by the support team over the past weeks. */
  private static void storeHistory(TestServer server, int count) {
    if (count == 0) {
      return;
    }
    java.time.Instant start = java.time.Instant.now().minus(java.time.Duration.ofDays(30));
    UUID customer = UUID.randomUUID();
    UUID conversation = UUID.randomUUID();
    server.baton().database().jdbi().useTransaction(handle -> {
      handle.createUpdate("insert into customers (id, name, created_at) values (:id, 'Old', :at)").bind("id", customer).bind("at", start)
          .execute();
      handle.createUpdate("insert into conversations (id, token_hash, channel, customer_id, state, team_id, last_seq, created_at, updated_at)"
          + " values (:id, 'x', 'web', :customer, 'RESOLVED', 'support', 0, :at, :at)").bind("id", conversation)
          .bind("customer", customer).bind("at", start).execute();
      var batch = handle.prepareBatch("insert into handoffs (id, conversation_id, team_id, reason, detail, created_at, claimed_at,"
          + " resolved_at, resolution) values (:id, :conversation, 'support', 'human_request', '', :created, :claimed, :resolved, 'resolved')");
      for (int i = 0; i < count; i++) {
        java.time.Instant created = start.plusSeconds(i * 60L);
        batch.bind("id", UUID.randomUUID()).bind("conversation", conversation).bind("created", created)
            .bind("claimed", created.plusSeconds(30 + i % 90)).bind("resolved", created.plusSeconds(300 + i % 600)).add();
      }
      batch.execute();
    });
  }

  /** Arrival times of the agent socket's assignment events, by conversation id. */
  private static final class AssignmentFrames implements WebSocket.Listener {
    private final String agentId;
    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();

    AssignmentFrames(String agentId) {
      this.agentId = agentId;
    }

    CompletableFuture<Long> arrivalOf(String conversationId) {
      return arrivals.computeIfAbsent(conversationId, any -> new CompletableFuture<>());
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      partial.append(data);
      if (last) {
        JsonNode frame = Json.readTree(partial.toString());
        partial.setLength(0);
        if (frame.path("type").asText().equals("state") && frame.path("state").asText().equals("WITH_AGENT")
            && frame.path("agentId").asText().equals(agentId)) {
          arrivalOf(frame.path("conversationId").asText()).complete(now);
        }
      }
      socket.request(1);
      return null;
    }
  }

  private static void run(String label, TestServer server, int iterations, int warmup) throws Exception {
    Demo.DemoAgent alice = Demo.AGENTS.get(0);
    Demo.DemoAgent carol = Demo.AGENTS.get(2);
    var admin = new ApiClient(server);
    admin.login(carol.email(), carol.password());
    check(admin.agentPatch("/api/agent/admin/teams/support", "{\"assignment\":\"auto\"}"));
    var agent = new ApiClient(server);
    var login = agent.login(alice.email(), alice.password());
    String agentId = login.json().path("agent").path("id").asText();
    String cookie = login.headers().get("set-cookie").get(0).split(";", 2)[0];
    check(admin.agentPatch("/api/agent/admin/agents/" + agentId, "{\"capacity\":100}"));
    // Carol and Bob are in support too but offline; only Alice's console is open, so she gets every one.
    var frames = new AssignmentFrames(agentId);
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie)
        .buildAsync(server.wsUri("/api/agent/live"), frames).join();
    Thread.sleep(300); // the socket's presence change reaches the store

    var customer = new ApiClient(server);
    long[] fromSend = new long[iterations];
    long[] fromCommit = new long[iterations];
    for (int i = -warmup; i < iterations; i++) {
      JsonNode started = customer.post("/api/conversations", "{\"name\":\"Bench\"}").json();
      String id = started.path("id").asText();
      String auth = ApiClient.bearer(started.path("token").asText());
      CompletableFuture<Long> arrival = frames.arrivalOf(id);
      long sent = System.nanoTime();
      var posted = customer.post("/api/conversations/" + id + "/messages", "{\"text\":\"agent please\"}", "Authorization", auth);
      long answered = System.nanoTime();
      check(posted);
      if (!posted.json().path("state").asText().equals("QUEUED")) {
        throw new IllegalStateException("no handoff: " + posted.body());
      }
      long arrived = arrival.get(10, TimeUnit.SECONDS);
      if (i >= 0) {
        fromSend[i] = arrived - sent;
        fromCommit[i] = arrived - answered;
      }
      var resolved = agent.agentPost("/api/agent/conversations/" + id + "/resolve", "");
      check(resolved);
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    Thread.sleep(500); // the server marks Alice offline before it shuts down
    System.out.printf(Locale.ROOT, "%s, %d handoffs after %d warm-up:%n", label, iterations, warmup);
    print("  customer POST sent -> agent socket event", fromSend);
    print("  POST response (handoff committed) -> agent socket event", fromCommit);
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, ms(percentile(sorted, 50)),
        ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static void check(ApiClient.Response response) {
    if (response.status() >= 300) {
      throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
    }
  }
}
