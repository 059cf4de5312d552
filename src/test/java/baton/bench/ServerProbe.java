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
 * every few seconds, on a thread of its own (a scrape can take seconds on a starved machine, and the
 * progress loop must not wait for it). The client's own CPU time is taken at the same moments, so
 * the two can be compared. Keeps the highest values seen; thread-safe.
 */
final class ServerProbe {
  static final long EVERY_NANOS = 5_000_000_000L;

  /** One reading; a value the server did not report is NaN, the RSS without a pid is -1. */
  record Reading(long nanos, double heapBytes, double customerSockets, double agentSockets, double threads, double cpuSeconds,
      long rssBytes, long clientCpuNanos, java.util.NavigableMap<Double, Double> postMessageBuckets) {}

  /** The server's own timing of customer messages: its Prometheus histogram of 201 answers to this route. */
  private static final String POST_MESSAGE_BUCKET = "http_server_requests_seconds_bucket{method=\"POST\",status=\"201\","
      + "uri=\"/api/conversations/{id}/messages\",le=\"";

  private final BatonHttp http;
  private final OptionalLong pid;
  private final java.util.List<Reading> inWindow = new java.util.ArrayList<>();
  private volatile Reading last;
  private double maxHeap;
  private long maxRss = -1;
  private double maxThreads;
  private double maxCustomerSockets;

  ServerProbe(BatonHttp http, OptionalLong pid) {
    this.http = http;
    this.pid = pid;
  }

  /**
   * Reads at {@code fromNanos} and every {@link #EVERY_NANOS} until {@code untilNanos} (the last
   * reading exactly then), on a virtual thread; these readings give the CPU figures of the window.
   */
  Thread followWindow(long fromNanos, long untilNanos, ErrorCounts errors) {
    return Thread.startVirtualThread(() -> {
      for (long due = fromNanos; ; due = Math.min(due + EVERY_NANOS, untilNanos)) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        try {
          Reading reading = read();
          synchronized (this) {
            inWindow.add(reading);
          }
        } catch (IOException e) {
          errors.add("metrics", e);
        } catch (InterruptedException e) {
          return;
        }
        if (due >= untilNanos) {
          return;
        }
      }
    });
  }

  Reading last() {
    return last;
  }

  Reading read() throws IOException, InterruptedException {
    long clientCpu = clientCpuNanos();
    long nanos = System.nanoTime();
    String text = http.getText("/metrics");
    double heap = 0;
    double customerSockets = Double.NaN;
    double agentSockets = Double.NaN;
    double threads = Double.NaN;
    double cpu = Double.NaN;
    var buckets = new java.util.TreeMap<Double, Double>();
    for (String line : text.split("\n")) {
      if (line.startsWith(POST_MESSAGE_BUCKET)) {
        String le = line.substring(POST_MESSAGE_BUCKET.length(), line.indexOf('"', POST_MESSAGE_BUCKET.length()));
        buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value(line));
      } else if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
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
    var reading = new Reading(nanos, heap, customerSockets, agentSockets, threads, cpu, rss, clientCpu, buckets);
    remember(reading);
    return reading;
  }

  private synchronized void remember(Reading reading) {
    last = reading;
    double heap = reading.heapBytes();
    long rss = reading.rssBytes();
    double threads = reading.threads();
    double customerSockets = reading.customerSockets();
    maxHeap = Math.max(maxHeap, heap);
    maxRss = Math.max(maxRss, rss);
    maxThreads = Math.max(maxThreads, Double.isNaN(threads) ? 0 : threads);
    maxCustomerSockets = Math.max(maxCustomerSockets, Double.isNaN(customerSockets) ? 0 : customerSockets);
  }

  static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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

  /** The server's figures; the client's CPU share over the same readings goes into {@code client}. */
  synchronized Map<String, Object> summary(Map<String, Object> client) {
    OptionalDouble cpuSecondsInWindow = OptionalDouble.empty();
    double windowSeconds = 0;
    if (inWindow.size() >= 2) {
      Reading first = inWindow.getFirst();
      Reading end = inWindow.getLast();
      windowSeconds = (end.nanos() - first.nanos()) / 1e9;
      cpuSecondsInWindow = OptionalDouble.of(end.cpuSeconds() - first.cpuSeconds());
      double clientCpu = (end.clientCpuNanos() - first.clientCpuNanos()) / 1e9;
      client.put("cpuSecondsInWindow", round(clientCpu));
      client.put("coresBusyInWindow", round(clientCpu / windowSeconds));
    }
    var summary = new LinkedHashMap<String, Object>();
    if (inWindow.size() >= 2) {
      summary.put("postMessageServerSideMs", serverSide(inWindow.getFirst().postMessageBuckets(), inWindow.getLast().postMessageBuckets()));
    }
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

  /**
   * Percentiles of the requests the server timed between two readings, from its cumulative buckets:
   * each figure is the upper bound of the bucket it falls in, so it reads "at most".
   */
  static Map<String, Object> serverSide(java.util.NavigableMap<Double, Double> before, java.util.NavigableMap<Double, Double> after) {
    var summary = new LinkedHashMap<String, Object>();
    double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    summary.put("count", (long) total);
    if (total <= 0) {
      return summary;
    }
    for (double quantile : new double[] {0.5, 0.9, 0.99}) {
      for (var bucket : after.entrySet()) {
        if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= quantile * total) {
          summary.put("p" + Math.round(quantile * 100) + "AtMost",
              bucket.getKey().isInfinite() ? null : Math.round(bucket.getKey() * 100_000) / 100.0);
          break;
        }
      }
    }
    summary.put("source", "the server's http_server_requests_seconds histogram (POST messages, 201), first and last reading of the window");
    return summary;
  }

  static double mib(double bytes) {
    return Math.round(bytes / 1024 / 1024 * 10) / 10.0;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
