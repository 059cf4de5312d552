package baton.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything a run counts and times. Counters named {@code *InWindow} count only what started inside
 * the measured window; the others count the whole run. Thread-safe.
 */
final class Measures {
  final LatencySeries botReply = new LatencySeries();
  final LatencySeries handoffNotice = new LatencySeries();
  final LatencySeries postMessage = new LatencySeries();
  final LatencySeries openConversation = new LatencySeries();
  final LatencySeries agentNotified = new LatencySeries();
  final LatencySeries queuedToClaimed = new LatencySeries();
  final LatencySeries agentAction = new LatencySeries();
  final LatencySeries pacerLag = new LatencySeries();

  final LongAdder sent = new LongAdder();
  final LongAdder sentInWindow = new LongAdder();
  final LongAdder unsentInWindow = new LongAdder();
  final LongAdder answers = new LongAdder();
  final LongAdder clarifications = new LongAdder();
  final LongAdder handoffNotices = new LongAdder();
  final LongAdder botHandoffs = new LongAdder();
  final LongAdder conversationsOpened = new LongAdder();
  final LongAdder claimed = new LongAdder();
  final LongAdder agentReplies = new LongAdder();
  final LongAdder resolved = new LongAdder();
  final LongAdder agentRepliesSeenByCustomers = new LongAdder();
  final LongAdder abandoned = new LongAdder();
  /** Conversations opened on each customer node, by its URL. */
  final Map<String, LongAdder> conversationsOpenedByNode = new ConcurrentHashMap<>();

  private volatile long windowFrom = Long.MAX_VALUE;
  private volatile long windowUntil = Long.MAX_VALUE;

  void window(long fromNanos, long untilNanos) {
    windowFrom = fromNanos;
    windowUntil = untilNanos;
    for (LatencySeries series : new LatencySeries[] {botReply, handoffNotice, postMessage, openConversation, agentNotified,
        queuedToClaimed, agentAction, pacerLag}) {
      series.measureBetween(fromNanos, untilNanos);
    }
  }

  boolean inWindow(long nanos) {
    return nanos >= windowFrom && nanos < windowUntil;
  }

  void sent(long nanos) {
    sent.increment();
    if (inWindow(nanos)) {
      sentInWindow.increment();
    }
  }

  void unsent(long nanos) {
    if (inWindow(nanos)) {
      unsentInWindow.increment();
    }
  }
}
