package baton.bench;

import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One load agent: a logged-in session with the console's live socket open, and {@code --agent-capacity}
 * workers that take queued conversations from the run's work queue and claim, answer and resolve
 * them, pausing about {@code --agent-think} before each reply and before resolving. Every frame about
 * a conversation on this socket is reported to the {@link HandoffWatch}. Thread-safe.
 */
final class AgentConsole implements WebSocket.Listener {
  private static final String ADMIN_EMAIL = "carol@demo.baton.dev";
  private static final String ADMIN_PASSWORD = "carol-demo-pass";
  private static final String PASSWORD = "load-agent-password";

  private final Run run;
  private final String name;
  private final String cookie;
  private final String csrf;
  private final CountDownLatch hello = new CountDownLatch(1);
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean stopping;

  private AgentConsole(Run run, String name, String cookie, String csrf) {
    this.run = run;
    this.name = name;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  /**
   * Creates {@code count} agents in the demo's teams through the admin API, as the demo admin, and
   * logs each in. Their addresses are new on every run, so runs against one server never collide.
   * Everything an agent does, the admin's calls included, goes to the run's agent node.
   */
  static List<AgentConsole> createAndLogIn(Run run, int count) throws IOException, InterruptedException {
    AgentConsole admin = logIn(run, ADMIN_EMAIL, ADMIN_PASSWORD);
    String runId = Long.toString(System.currentTimeMillis(), 36);
    var consoles = new ArrayList<AgentConsole>();
    for (int i = 1; i <= count; i++) {
      String email = "load-" + runId + "-" + i + "@load.baton.dev";
      var created = admin.post("/api/agent/admin/agents", Json.write(Map.of("email", email, "name", "Load agent " + i,
          "password", PASSWORD, "teams", List.of("support", "billing"), "skills", List.of("refunds"), "capacity", 100)));
      if (created.status() != 201) {
        throw new IllegalStateException("creating a load agent failed with " + created.status() + ": " + created.json()
            + " (is this the demo, with the admin " + ADMIN_EMAIL + "?)");
      }
      consoles.add(logIn(run, email, PASSWORD));
    }
    return consoles;
  }

  private static AgentConsole logIn(Run run, String email, String password) throws IOException, InterruptedException {
    var reply = run.agentNode().post("/api/agent/login", Json.write(Map.of("email", email, "password", password)));
    if (reply.status() != 200 || reply.setCookie().isEmpty()) {
      throw new IllegalStateException("login as " + email + " failed with " + reply.status() + ": " + reply.json());
    }
    String cookie = reply.setCookie().get().split(";", 2)[0];
    return new AgentConsole(run, reply.json().path("agent").path("name").asText(), cookie, reply.json().path("csrfToken").asText());
  }

  private BatonHttp.Reply post(String path, String body) throws IOException, InterruptedException {
    return run.agentNode().post(path, body, "Cookie", cookie, "X-CSRF-Token", csrf);
  }

  /** Opens the live socket and waits for the server's hello; then starts the workers. */
  void start() throws Exception {
    socket = run.agentNode().webSocket("/api/agent/live", cookie, this).get(30, TimeUnit.SECONDS);
    if (!hello.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no hello on the agent socket of " + name);
    }
    for (int i = 0; i < run.options().agentCapacity(); i++) {
      Thread.startVirtualThread(this::work);
    }
  }

  private void work() {
    while (!stopping) {
      HandoffWatch.Work work;
      try {
        work = run.handoffs().work().poll(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (work == null) {
        continue;
      }
      String path = "/api/agent/conversations/" + work.conversationId();
      try {
        if (!act(path + "/claim", "", 200, "claim")) {
          continue;
        }
        run.measures().queuedToClaimed.record(work.noticedNanos(), System.nanoTime());
        run.measures().claimed.increment();
        think();
        if (act(path + "/messages", Json.write(Map.of("text", "Hi, this is " + name + " from the Support team. I can sort that out for you.")),
            201, "agent_reply")) {
          run.measures().agentReplies.increment();
        }
        think();
        if (act(path + "/resolve", "", 200, "resolve")) {
          run.measures().resolved.increment();
        }
      } catch (IOException e) {
        run.errors().add("agent_action", e);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean act(String path, String body, int expected, String what) throws IOException, InterruptedException {
    long started = System.nanoTime();
    var reply = post(path, body);
    run.measures().agentAction.record(started, System.nanoTime());
    if (reply.status() != expected) {
      run.errors().add(what + ":" + reply.status() + ":" + reply.json().path("error").path("code").asText());
      return false;
    }
    return true;
  }

  private void think() {
    long mean = run.options().agentThink().toNanos();
    LockSupport.parkNanos((long) (mean * (0.5 + ThreadLocalRandom.current().nextDouble())));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    long received = System.nanoTime();
    String text = null;
    synchronized (partial) {
      partial.append(data);
      if (last) {
        text = partial.toString();
        partial.setLength(0);
      }
    }
    if (text != null) {
      JsonNode frame = Json.readTree(text);
      String type = frame.path("type").asText();
      if (type.equals("hello")) {
        hello.countDown();
      }
      String conversationId = frame.path("conversationId").asText("");
      if (!conversationId.isEmpty()) {
        run.handoffs().agentFrame(conversationId, type.equals("state") && frame.path("state").asText().equals("QUEUED"), received);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    if (!stopping) {
      run.errors().add("agent_socket_closed:" + statusCode);
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    if (!stopping) {
      run.errors().add("agent_socket", error);
    }
  }

  void stop() {
    stopping = true;
    WebSocket open = socket;
    if (open != null) {
      open.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null);
    }
  }
}
