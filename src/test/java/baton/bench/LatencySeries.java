package baton.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency measure. Every sample goes to a recorder the progress line drains once a second; only
 * samples whose request started inside the measured window go to the histogram the report is made
 * from, so the ramp and the drain at the end never colour the figures. HdrHistogram is on the
 * classpath already (Micrometer brings it). Microsecond resolution, 3 significant digits. Thread-safe.
 */
final class LatencySeries {
  private final Recorder recent = new Recorder(3);
  private final ConcurrentHistogram measured = new ConcurrentHistogram(3);
  private volatile long measureFrom = Long.MAX_VALUE;
  private volatile long measureUntil = Long.MAX_VALUE;

  void measureBetween(long fromNanos, long untilNanos) {
    measureFrom = fromNanos;
    measureUntil = untilNanos;
  }

  void record(long startNanos, long endNanos) {
    long micros = Math.max(1, (endNanos - startNanos) / 1_000);
    recent.recordValue(micros);
    if (startNanos >= measureFrom && startNanos < measureUntil) {
      measured.recordValue(micros);
    }
  }

  /** What was recorded since the last call, measured or not: for the progress line and the timeline. */
  Histogram drainRecent() {
    return recent.getIntervalHistogram();
  }

  long measuredCount() {
    return measured.getTotalCount();
  }

  Map<String, Object> summary() {
    return summary(measured);
  }

  static Map<String, Object> summary(Histogram histogram) {
    var summary = new LinkedHashMap<String, Object>();
    summary.put("count", histogram.getTotalCount());
    if (histogram.getTotalCount() > 0) {
      summary.put("p50", millis(histogram.getValueAtPercentile(50)));
      summary.put("p90", millis(histogram.getValueAtPercentile(90)));
      summary.put("p99", millis(histogram.getValueAtPercentile(99)));
      summary.put("p999", millis(histogram.getValueAtPercentile(99.9)));
      summary.put("max", millis(histogram.getMaxValue()));
      summary.put("mean", Math.round(histogram.getMean() / 10.0) / 100.0);
    }
    return summary;
  }

  static double millis(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
