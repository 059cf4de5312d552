package baton.bench;

import java.io.IOException;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The population of load customers: opens the conversations during the ramp, opens a new one for
 * each that ends (last turn, resolved by an agent, abandoned, socket lost) so the number open stays
 * at {@code --customers}, and keeps the queue of customers ready to write, oldest first. A customer
 * becomes ready {@code --min-think} after its reply and then waits its turn in that queue, so the
 * think time is at least that and on average about open customers / rate. Each new conversation goes
 * to the next of the customer nodes, round robin, and stays on it. Thread-safe.
 */
final class Customers {
  private record Ready(CustomerConversation conversation, long readyAtNanos) {}

  private final Run run;
  private final Queue<Ready> ready = new ConcurrentLinkedQueue<>();
  private final Set<CustomerConversation> open = ConcurrentHashMap.newKeySet();
  private final SplittableRandom seeds;
  private final AtomicInteger nextNode = new AtomicInteger();
  private volatile boolean stopping;

  Customers(Run run) {
    this.run = run;
    this.seeds = new SplittableRandom(run.options().seed());
  }

  /** Opens the customers' conversations evenly over {@code rampNanos}, from a virtual thread. */
  void rampUp(long startNanos, long rampNanos) {
    Thread.startVirtualThread(() -> {
      int count = run.options().customers();
      for (int i = 0; i < count && !stopping; i++) {
        long due = startNanos + rampNanos * i / count;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        Thread.startVirtualThread(this::openOne);
      }
    });
  }

  private void openOne() {
    var nodes = run.customerNodes();
    BatonHttp node = nodes.get(Math.floorMod(nextNode.getAndIncrement(), nodes.size()));
    while (!stopping) {
      long started = System.nanoTime();
      try {
        var created = node.post("/api/conversations", "{\"name\":\"Load customer\",\"channel\":\"web\"}");
        if (created.status() != 201) {
          run.errors().add("open_conversation:" + created.status());
        } else {
          var conversation = new CustomerConversation(run, this, node, created.json().path("id").asText(),
              created.json().path("token").asText(), nextRandom());
          var socket = node.webSocket(conversation.livePath(), null, conversation).get(30, TimeUnit.SECONDS);
          conversation.attach(socket);
          run.measures().openConversation.record(started, System.nanoTime());
          run.measures().conversationsOpened.increment();
          run.measures().conversationsOpenedByNode.computeIfAbsent(node.base().toString(), url -> new LongAdder()).increment();
          open.add(conversation);
          if (stopping) {
            conversation.leave();
          } else {
            ready(conversation);
          }
          return;
        }
      } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        run.errors().add("open_conversation", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      // The server refused or failed: try again a second later rather than hammering it.
      LockSupport.parkNanos(1_000_000_000L);
    }
  }

  private synchronized SplittableRandom nextRandom() {
    return seeds.split();
  }

  void ready(CustomerConversation conversation) {
    ready.add(new Ready(conversation, System.nanoTime() + run.options().minThink().toNanos()));
  }

  /** A conversation is over: a new customer arrives in its place. */
  void ended(CustomerConversation conversation) {
    open.remove(conversation);
    if (!stopping) {
      Thread.startVirtualThread(this::openOne);
    }
  }

  /** The customer who has waited longest and is done thinking, if any. */
  CustomerConversation nextReady(long nowNanos) {
    // Only the pacer takes from the queue, so the head it peeked at is the one it polls.
    for (Ready head = ready.peek(); head != null && head.readyAtNanos() <= nowNanos; head = ready.peek()) {
      ready.poll();
      if (head.conversation().isReady()) {
        return head.conversation();
      }
    }
    return null;
  }

  int openCount() {
    return open.size();
  }

  int readyCount() {
    return ready.size();
  }

  void checkTimeouts(long nowNanos) {
    open.forEach(conversation -> conversation.checkTimeouts(nowNanos));
  }

  void stop() {
    stopping = true;
    open.forEach(CustomerConversation::leave);
  }
}
