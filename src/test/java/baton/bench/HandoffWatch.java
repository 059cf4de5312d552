package baton.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Handoffs between the customers' side and the agents' side of a run. A customer registers the
 * moment it sends a message asking for a person; the first frame about that conversation on any
 * agent's socket ends the handoff → agent notification latency. Every conversation an agent socket
 * reports as queued (asked for or handed off by the bot itself) goes once onto the work queue the
 * agents claim from; the load tool hands work out itself so that agents do not all race for the same
 * conversation, which would measure 409s rather than the server. Thread-safe.
 */
final class HandoffWatch {
  /** A queued conversation and when an agent first heard of it. */
  record Work(String conversationId, long noticedNanos) {}

  private final Map<String, Long> asked = new ConcurrentHashMap<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<Work> work = new LinkedBlockingQueue<>();
  private final LatencySeries notification;
  private final LongAdder askedCount = new LongAdder();
  private final LongAdder queuedCount = new LongAdder();

  HandoffWatch(LatencySeries notification) {
    this.notification = notification;
  }

  void asked(String conversationId, long sentNanos) {
    asked.put(conversationId, sentNanos);
    askedCount.increment();
  }

  /** The request did not go through: nothing to wait for. */
  void withdrawn(String conversationId) {
    if (asked.remove(conversationId) != null) {
      askedCount.decrement();
    }
  }

  /** A frame on an agent's socket about this conversation. */
  void agentFrame(String conversationId, boolean nowQueued, long nanos) {
    Long sent = asked.remove(conversationId);
    if (sent != null) {
      notification.record(sent, nanos);
    }
    if (nowQueued && queued.add(conversationId)) {
      queuedCount.increment();
      work.add(new Work(conversationId, nanos));
    }
  }

  BlockingQueue<Work> work() {
    return work;
  }

  /** Handoffs no agent heard of within the timeout, each counted once as an error. */
  void sweep(long nowNanos, long timeoutNanos, ErrorCounts errors) {
    asked.entrySet().removeIf(entry -> {
      boolean late = nowNanos - entry.getValue() > timeoutNanos;
      if (late) {
        errors.add("handoff_not_seen_by_agents");
      }
      return late;
    });
  }

  long askedCount() {
    return askedCount.sum();
  }

  long queuedCount() {
    return queuedCount.sum();
  }

  int waitingForAnAgent() {
    return work.size();
  }
}
