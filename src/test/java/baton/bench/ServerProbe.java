package baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the server says about itself: heap in use, open sockets, threads and CPU time from its
 * Prometheus endpoint ({@code /metrics}), and its resident set size from {@code /proc/<pid>/status}
 * when the pid is known (same machine only). One scrape is about 20 KB of text, so the run scrapes
 * every few seconds, not every second. Keeps the highest values seen; thread-safe.
 */
final class ServerProbe {
  /** One reading; a value the server did not report is NaN, the RSS without a pid is -1. */
  record Reading(double heapBytes, double customerSockets, double agentSockets, double threads, double cpuSeconds, long rssBytes) {}

  private final BatonHttp http;
  private final OptionalLong pid;
  private Reading last;
  private double maxHeap;
  private long maxRss = -1;
  private double maxThreads;
  private double maxCustomerSockets;

  ServerProbe(BatonHttp http, OptionalLong pid) {
    this.http = http;
    this.pid = pid;
  }

  synchronized Reading read() throws IOException, InterruptedException {
    String text = http.getText("/metrics");
    double heap = 0;
    double customerSockets = Double.NaN;
    double agentSockets = Double.NaN;
    double threads = Double.NaN;
    double cpu = Double.NaN;
    for (String line : text.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
        heap += value(line);
      } else if (line.startsWith("baton_websockets_open{side=\"customer\"}")) {
        customerSockets = value(line);
      } else if (line.startsWith("baton_websockets_open{side=\"agent\"}")) {
        agentSockets = value(line);
      } else if (line.startsWith("jvm_threads_live_threads ")) {
        threads = value(line);
      } else if (line.startsWith("process_cpu_time_ns_total ")) {
        cpu = value(line) / 1e9;
      }
    }
    long rss = pid.isPresent() ? residentSetBytes(pid.getAsLong()) : -1;
    last = new Reading(heap, customerSockets, agentSockets, threads, cpu, rss);
    maxHeap = Math.max(maxHeap, heap);
    maxRss = Math.max(maxRss, rss);
    maxThreads = Math.max(maxThreads, Double.isNaN(threads) ? 0 : threads);
    maxCustomerSockets = Math.max(maxCustomerSockets, Double.isNaN(customerSockets) ? 0 : customerSockets);
    return last;
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** VmRSS from /proc, in bytes; -1 when the process is gone or not on this machine. */
  static long residentSetBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** The 1, 5 and 15 minute load averages of this machine, from /proc/loadavg. */
  static double[] loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    } catch (IOException e) {
      return new double[0];
    }
  }

  synchronized Map<String, Object> summary(OptionalDouble cpuSecondsInWindow, double windowSeconds) {
    var summary = new LinkedHashMap<String, Object>();
    summary.put("heapUsedMiBMax", mib(maxHeap));
    summary.put("heapUsedMiBLast", last == null ? null : mib(last.heapBytes()));
    summary.put("rssMiBMax", maxRss < 0 ? null : mib(maxRss));
    summary.put("rssMiBLast", last == null || last.rssBytes() < 0 ? null : mib(last.rssBytes()));
    summary.put("customerSocketsOpenMax", maxCustomerSockets);
    summary.put("liveThreadsMax", maxThreads);
    if (cpuSecondsInWindow.isPresent()) {
      summary.put("cpuSecondsInWindow", round(cpuSecondsInWindow.getAsDouble()));
      summary.put("coresBusyInWindow", round(cpuSecondsInWindow.getAsDouble() / windowSeconds));
    }
    summary.put("source", "GET /metrics (heap, sockets, threads, process CPU time)" + (pid.isPresent() ? " and /proc/" + pid.getAsLong() + "/status VmRSS" : ""));
    return summary;
  }

  static double mib(double bytes) {
    return Math.round(bytes / 1024 / 1024 * 10) / 10.0;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
