package baton.bench;

import baton.platform.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report of one load run and its summary on the console. The report is a plain map in a
 * fixed order, read by bench/load-chart.py; field names say their unit (ms, MiB, seconds). Stateless.
 */
final class LoadReport {
  private LoadReport() {}

  static Map<String, Object> build(LoadOptions options, String command, String startedAt, double[] loadBefore, double loadMax, Run run,
      ServerProbe probe, List<Map<String, Object>> timeline) {
    Measures measures = run.measures();
    double windowSeconds = options.duration().toNanos() / 1e9;
    var report = new LinkedHashMap<String, Object>();
    report.put("tool", "bench/load.sh (baton.bench.LoadTool)");
    report.put("command", System.getenv().getOrDefault("LOAD_COMMAND", "baton.bench.LoadTool " + command));
    report.put("arguments", command);
    report.put("startedAt", startedAt);
    report.put("options", optionsJson(options));
    report.put("nodes", nodes(options, measures));
    report.put("texts", texts(run.wording()));
    var machine = new LinkedHashMap<String, Object>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("loadAverageBefore", loadBefore);
    machine.put("loadAverageAfter", ServerProbe.loadAverage());
    machine.put("loadAverage1mMax", loadMax);
    machine.put("note", "client and server run on the same machine and share its cores with each other and with anything else"
        + " running (see the load averages); latencies include the client's own scheduling delays (see pacerLag)");
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
    report.put("errors", run.errors().snapshot());
    var client = new LinkedHashMap<String, Object>();
    report.put("server", probe.summary(client));
    client.put("heapUsedMiB", ServerProbe.mib(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
    report.put("client", client);
    report.put("timeline", timeline);
    return report;
  }

  static void write(Path path, Map<String, Object> report) throws IOException {
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    Files.writeString(path, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
  }

  private static Map<String, Object> optionsJson(LoadOptions options) {
    var json = new LinkedHashMap<String, Object>();
    json.put("label", options.label());
    json.put("url", options.url().toString());
    json.put("agentUrl", options.agentUrl().toString());
    json.put("customerUrls", options.customerUrls().stream().map(Object::toString).toList());
    json.put("texts", options.repeatTexts() ? "repeated" : "unique");
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

  /** Which node served what: the server figures come from --url only. */
  private static Map<String, Object> nodes(LoadOptions options, Measures measures) {
    var json = new LinkedHashMap<String, Object>();
    json.put("healthAdminAndMetrics", options.url().toString());
    json.put("agents", options.agentUrl().toString());
    var opened = new LinkedHashMap<String, Object>();
    for (var url : options.customerUrls()) {
      var count = measures.conversationsOpenedByNode.get(url.toString());
      opened.put(url.toString(), count == null ? 0 : count.sum());
    }
    json.put("customerConversationsOpened", opened);
    json.put("note", "agents log in, hold their console sockets and act on the agents' node (admin calls creating them too);"
        + " customers open conversations, post and listen on their node, round robin; the server figures are from "
        + options.url() + " only");
    return json;
  }

  private static Map<String, Object> texts(CustomerWording wording) {
    var json = new LinkedHashMap<String, Object>();
    json.put("mode", wording.unique() ? "unique" : "repeated");
    json.put("sent", wording.textsSent());
    json.put("distinct", wording.distinctTexts());
    json.put("uniqueShare", Math.round(wording.uniqueShare() * 10_000) / 10_000.0);
    json.put("salt", wording.salt());
    json.put("examples", wording.examples());
    json.put("note", wording.unique()
        ? "every text differs from every earlier one of the run (lead-in, question, sign-off or order reference): the server embeds each"
        : "the demo questions word for word: once warm, the server takes every sentence vector from its per-text cache");
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
  static void printSummary(LoadOptions options, Map<String, Object> report) {
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
    var texts = (Map<String, Object>) report.get("texts");
    System.out.printf(Locale.ROOT, "texts %s: %s sent, %s distinct (share %s); answers %s, clarifying questions %s, handoff notices %s%n",
        texts.get("mode"), texts.get("sent"), texts.get("distinct"), texts.get("uniqueShare"), throughput.get("answers"),
        throughput.get("clarifyingQuestions"), throughput.get("handoffNotices"));
    if (!options.agentUrl().equals(options.url()) || !options.customerUrls().equals(List.of(options.url()))) {
      System.out.printf(Locale.ROOT, "nodes: customers %s, agents %s%n", ((Map<String, Object>) report.get("nodes")).get("customerConversationsOpened"),
          options.agentUrl());
    }
    System.out.printf(Locale.ROOT, "errors: %s%n", report.get("errors"));
    System.out.printf(Locale.ROOT, "server: heap max %s MiB, RSS max %s MiB, %s cores busy; client: %s cores busy; load average %s -> %s%n",
        server.get("heapUsedMiBMax"), server.get("rssMiBMax"), server.get("coresBusyInWindow"), client.get("coresBusyInWindow"),
        java.util.Arrays.toString((double[]) machine.get("loadAverageBefore")), java.util.Arrays.toString((double[]) machine.get("loadAverageAfter")));
    System.out.println("report: " + options.report());
  }
}
