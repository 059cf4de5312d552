package baton.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failures by kind, e.g. {@code post_message:503} or {@code reply_timeout}. Thread-safe. */
final class ErrorCounts {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String kind) {
    counts.computeIfAbsent(kind, key -> new LongAdder()).increment();
  }

  /** An exception as its kind: the class name says enough (timeout, connection refused, reset). */
  void add(String what, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    add(what + ":" + cause.getClass().getSimpleName());
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> snapshot() {
    var copy = new TreeMap<String, Long>();
    counts.forEach((kind, count) -> copy.put(kind, count.sum()));
    return copy;
  }
}
