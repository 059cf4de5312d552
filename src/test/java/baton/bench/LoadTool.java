package baton.bench;

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
      BatonHttp agentNode = http.at(options.agentUrl());
      List<BatonHttp> customerNodes = options.customerUrls().stream().map(http::at).toList();
      var nodes = new java.util.LinkedHashSet<java.net.URI>();
      nodes.add(options.url());
      nodes.add(options.agentUrl());
      nodes.addAll(options.customerUrls());
      for (java.net.URI node : nodes) {
        var health = http.at(node).get("/health");
        if (health.status() != 200) {
          System.err.println("Baton at " + node + " is not healthy: " + health.status() + " " + health.json());
          return 1;
        }
      }
      var measures = new Measures();
      var errors = new ErrorCounts();
      var wording = new CustomerWording(!options.repeatTexts(), System.currentTimeMillis());
      var run = new Run(options, http, agentNode, customerNodes, QuestionMix.demo(), wording, measures, errors,
          new HandoffWatch(measures.agentNotified));
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

      var report = LoadReport.build(options, command, startedAt, loadBefore, loadMax, run, probe, timeline);
      LoadReport.write(options.report(), report);
      LoadReport.printSummary(options, report);
      return 0;
    }
  }

  /** Failures that end a turn without a reply: they count as answered for the drain. */
  private static long errorsForWindow(ErrorCounts errors) {
    return errors.snapshot().entrySet().stream().filter(entry -> entry.getKey().startsWith("post_message") || entry.getKey().equals("reply_timeout"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
