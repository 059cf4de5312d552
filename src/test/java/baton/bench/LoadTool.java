package baton.bench;

import baton.platform.Json;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.HdrHistogram.Histogram;

/**
 * Issue 8's load harness: N customers chatting with the demo bot and M agents working the handoffs,
 * against a running Baton; prints a progress bar and writes a JSON report. Started by bench/load.sh
 * (see docs/benchmarks.md, "Scale-out (issue 8)"). Not a test: nothing runs it during the build.
 *
 * <p>The client is kept cheap because it runs on the server's machine: one HTTP client and one
 * selector thread for every socket, virtual threads that mostly sleep, a JSON parse per frame and
 * HdrHistogram recorders. The report states the client's CPU time next to the server's so that a
 * reader can see how much of the machine the client took.
 */
public final class LoadTool {
  private static final long SECOND = 1_000_000_000L;
  private static final long DRAIN_NANOS = 10 * SECOND;

  private final LoadOptions options;
  private final String command;

  private LoadTool(LoadOptions options, String command) {
    this.options = options;
    this.command = command;
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    int status = new LoadTool(options, String.join(" ", args)).run();
    System.exit(status);
  }

  private int run() throws Exception {
    double[] loadBefore = ServerProbe.loadAverage();
    String startedAt = Instant.now().toString();
    try (var http = new BatonHttp(options.url())) {
      var health = http.get("/health");
      if (health.status() != 200) {
        System.err.println("Baton at " + options.url() + " is not healthy: " + health.status() + " " + health.json());
        return 1;
      }
      var measures = new Measures();
      var errors = new ErrorCounts();
      var run = new Run(options, http, QuestionMix.demo(), measures, errors, new HandoffWatch(measures.agentNotified));
      var probe = new ServerProbe(http, options.serverPid());
      probe.read();

      // Agents first, so that no early handoff goes unnoticed.
      List<AgentConsole> agents = AgentConsole.createAndLogIn(run, options.agents());
      for (AgentConsole agent : agents) {
        agent.start();
      }
      var customers = new Customers(run);
      long start = System.nanoTime();
      long rampNanos = options.ramp().toNanos();
      long windowFrom = start + rampNanos;
      long windowUntil = windowFrom + options.duration().toNanos();
      measures.window(windowFrom, windowUntil);
      customers.rampUp(start, rampNanos);
      Thread pacer = Thread.ofPlatform().name("pacer").start(new Pacer(run, customers, start, rampNanos, windowUntil));

      var timeline = new ArrayList<Map<String, Object>>();
      Thread following = probe.followWindow(windowFrom, windowUntil, errors);
      double loadMax = 0;
      long seconds = (windowUntil - start) / SECOND;
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("load").setInitialMax(seconds).setUnit(" s", 1)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).setMaxRenderedLength(140).build()) {
        long sentBefore = 0;
        ServerProbe.Reading shown = null;
        for (long tick = start + SECOND; tick <= windowUntil; tick += SECOND) {
          sleepUntil(tick);
          long now = System.nanoTime();
          // A starved machine can make this loop late: skip the seconds missed rather than replay them.
          while (tick + SECOND <= Math.min(now, windowUntil)) {
            tick += SECOND;
          }
          boolean inWindow = now >= windowFrom;
          customers.checkTimeouts(now);
          run.handoffs().sweep(now, CustomerConversation.REPLY_TIMEOUT_NANOS, errors);
          ServerProbe.Reading latest = probe.last();
          ServerProbe.Reading reading = latest == shown ? null : latest;
          shown = latest;
          double[] loadNow = ServerProbe.loadAverage();
          loadMax = Math.max(loadMax, loadNow.length > 0 ? loadNow[0] : 0);
          Histogram replies = measures.botReply.drainRecent();
          long sent = measures.sent.sum();
          var point = new LinkedHashMap<String, Object>();
          point.put("second", (now - start) / SECOND);
          point.put("measured", inWindow);
          point.put("sent", sent - sentBefore);
          point.put("botReplies", replies.getTotalCount());
          point.put("botReplyP99Ms", replies.getTotalCount() == 0 ? null : LatencySeries.millis(replies.getValueAtPercentile(99)));
          point.put("openConversations", customers.openCount());
          point.put("waitingForAnAgent", run.handoffs().waitingForAnAgent());
          point.put("errors", errors.total());
          if (reading != null) {
            point.put("serverHeapMiB", ServerProbe.mib(reading.heapBytes()));
          }
          timeline.add(point);
          sentBefore = sent;
          bar.stepTo(Math.min(seconds, (now - start) / SECOND));
          bar.setExtraMessage(String.format(Locale.ROOT, "%s open %d | %d msg/s | p99 %s ms | agents' queue %d | errors %d",
              inWindow ? "measuring" : "ramp", customers.openCount(), point.get("sent"), point.get("botReplyP99Ms"),
              run.handoffs().waitingForAnAgent(), errors.total()));
        }
      }
      pacer.join();
      following.join();
      // Let the last messages of the window get their replies; nothing new is sent now.
      long drainUntil = System.nanoTime() + DRAIN_NANOS;
      while (measures.botReply.measuredCount() + measures.handoffNotice.measuredCount() + errorsForWindow(errors) < measures.sentInWindow.sum()
          && System.nanoTime() < drainUntil) {
        Thread.sleep(100);
        customers.checkTimeouts(System.nanoTime());
      }
      customers.stop();
      agents.forEach(AgentConsole::stop);

      double windowSeconds = options.duration().toNanos() / 1e9;
      var report = new LinkedHashMap<String, Object>();
      report.put("tool", "bench/load.sh (baton.bench.LoadTool)");
      report.put("command", System.getenv().getOrDefault("LOAD_COMMAND", "baton.bench.LoadTool " + command));
      report.put("arguments", command);
      report.put("startedAt", startedAt);
      report.put("options", optionsJson());
      var machine = new LinkedHashMap<String, Object>();
      machine.put("cores", Runtime.getRuntime().availableProcessors());
      machine.put("loadAverageBefore", loadBefore);
      machine.put("loadAverageAfter", ServerProbe.loadAverage());
      machine.put("loadAverage1mMax", loadMax);
      machine.put("note", "client and server run on the same machine and share its cores (and, at the time, other people's"
          + " builds: see the load averages); latencies include the client's own scheduling delays (see pacerLag)");
      report.put("machine", machine);
      report.put("throughput", throughput(measures, run.handoffs(), windowSeconds));
      var latency = new LinkedHashMap<String, Object>();
      latency.put("customerMessageToBotReply", measures.botReply.summary());
      latency.put("customerMessageToHandoffNotice", measures.handoffNotice.summary());
      latency.put("postMessageResponse", measures.postMessage.summary());
      latency.put("handoffToAgentNotification", measures.agentNotified.summary());
      latency.put("queuedToClaimed", measures.queuedToClaimed.summary());
      latency.put("agentAction", measures.agentAction.summary());
      latency.put("openConversation", measures.openConversation.summary());
      latency.put("pacerLag", measures.pacerLag.summary());
      report.put("latencyMs", latency);
      report.put("errors", errors.snapshot());
      var client = new LinkedHashMap<String, Object>();
      report.put("server", probe.summary(client));
      client.put("heapUsedMiB", ServerProbe.mib(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
      report.put("client", client);
      report.put("timeline", timeline);
      if (options.report().getParent() != null) {
        Files.createDirectories(options.report().getParent());
      }
      Files.writeString(options.report(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
      printSummary(report);
      return 0;
    }
  }

  /** Failures that end a turn without a reply: they count as answered for the drain. */
  private static long errorsForWindow(ErrorCounts errors) {
    return errors.snapshot().entrySet().stream().filter(entry -> entry.getKey().startsWith("post_message") || entry.getKey().equals("reply_timeout"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private Map<String, Object> optionsJson() {
    var json = new LinkedHashMap<String, Object>();
    json.put("label", options.label());
    json.put("url", options.url().toString());
    json.put("customers", options.customers());
    json.put("agents", options.agents());
    json.put("rate", options.rate());
    json.put("rampSeconds", options.ramp().toMillis() / 1000.0);
    json.put("durationSeconds", options.duration().toMillis() / 1000.0);
    json.put("handoffShare", options.handoffShare());
    json.put("turns", options.turns());
    json.put("minThinkSeconds", options.minThink().toMillis() / 1000.0);
    json.put("agentThinkSeconds", options.agentThink().toMillis() / 1000.0);
    json.put("agentCapacity", options.agentCapacity());
    json.put("seed", options.seed());
    return json;
  }

  private static Map<String, Object> throughput(Measures measures, HandoffWatch handoffs, double windowSeconds) {
    var json = new LinkedHashMap<String, Object>();
    json.put("messagesSentInWindow", measures.sentInWindow.sum());
    json.put("messagesPerSecond", ServerProbe.round(measures.sentInWindow.sum() / windowSeconds));
    json.put("botRepliesPerSecond", ServerProbe.round(measures.botReply.measuredCount() / windowSeconds));
    json.put("ticksWithNoCustomerReady", measures.unsentInWindow.sum());
    json.put("messagesSentWholeRun", measures.sent.sum());
    json.put("answers", measures.answers.sum());
    json.put("clarifyingQuestions", measures.clarifications.sum());
    json.put("handoffNotices", measures.handoffNotices.sum());
    json.put("handoffsAskedFor", handoffs.askedCount());
    json.put("handoffsByTheBot", measures.botHandoffs.sum());
    json.put("conversationsQueuedForAgents", handoffs.queuedCount());
    json.put("claimed", measures.claimed.sum());
    json.put("agentReplies", measures.agentReplies.sum());
    json.put("agentRepliesSeenByCustomers", measures.agentRepliesSeenByCustomers.sum());
    json.put("resolved", measures.resolved.sum());
    json.put("abandonedWaitingForAnAgent", measures.abandoned.sum());
    json.put("stillQueuedAtEnd", handoffs.waitingForAnAgent());
    json.put("conversationsOpened", measures.conversationsOpened.sum());
    return json;
  }

  @SuppressWarnings("unchecked")
  private void printSummary(Map<String, Object> report) {
    var throughput = (Map<String, Object>) report.get("throughput");
    var latency = (Map<String, Object>) report.get("latencyMs");
    var reply = (Map<String, Object>) latency.get("customerMessageToBotReply");
    var notified = (Map<String, Object>) latency.get("handoffToAgentNotification");
    var server = (Map<String, Object>) report.get("server");
    var client = (Map<String, Object>) report.get("client");
    var machine = (Map<String, Object>) report.get("machine");
    System.out.printf(Locale.ROOT, "%d customers, %d agents, target %.0f msg/s: sent %s msg/s over %.0f s%n", options.customers(),
        options.agents(), options.rate(), throughput.get("messagesPerSecond"), options.duration().toMillis() / 1000.0);
    System.out.printf(Locale.ROOT, "message -> bot reply (ms): p50 %s  p90 %s  p99 %s  max %s  (n=%s)%n", reply.get("p50"), reply.get("p90"),
        reply.get("p99"), reply.get("max"), reply.get("count"));
    System.out.printf(Locale.ROOT, "handoff -> agent notified (ms): p50 %s  p99 %s  (n=%s); claimed %s, resolved %s%n", notified.get("p50"),
        notified.get("p99"), notified.get("count"), throughput.get("claimed"), throughput.get("resolved"));
    System.out.printf(Locale.ROOT, "errors: %s%n", report.get("errors"));
    System.out.printf(Locale.ROOT, "server: heap max %s MiB, RSS max %s MiB, %s cores busy; client: %s cores busy; load average %s -> %s%n",
        server.get("heapUsedMiBMax"), server.get("rssMiBMax"), server.get("coresBusyInWindow"), client.get("coresBusyInWindow"),
        java.util.Arrays.toString((double[]) machine.get("loadAverageBefore")), java.util.Arrays.toString((double[]) machine.get("loadAverageAfter")));
    System.out.println("report: " + options.report());
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
