package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several dispatchers, as on several nodes, draining one outbox at once: the receiver must see every
 * delivery exactly once. Each node gets its own connection pool where the database allows it.
 */
interface ConcurrentDispatchContract {
  int DELIVERIES = 200;
  int NODES = 3;

  Database database();

  /** A second handle on the same database, as another node would open it; closed by the caller. */
  Database anotherNode();

  @Test
  default void dispatchersOnSeveralNodes_neverSendOneDeliveryTwice() throws Exception {
    try (var receiver = Receiver.start()) {
      var endpoint = new WebhookEndpoint("helpdesk", receiver.url(), "whsec_concurrent", Duration.ofSeconds(10), 5);
      var enqueuing = new WebhookOutbox(database().jdbi(), Clock.systemUTC());
      for (int i = 0; i < DELIVERIES; i++) {
        enqueuing.enqueue(new WebhookDelivery.New("key-" + i, "helpdesk", receiver.url().toString(), "handoff.created", "{\"n\":" + i + "}"));
      }
      List<Database> nodes = new ArrayList<>();
      nodes.add(database());
      for (int i = 1; i < NODES; i++) {
        nodes.add(anotherNode());
      }
      var go = new CountDownLatch(1);
      try (var threads = Executors.newFixedThreadPool(NODES)) {
        List<Future<Integer>> sent = new ArrayList<>();
        for (Database node : nodes) {
          var dispatcher = new WebhookDispatcher(new WebhookOutbox(node.jdbi(), Clock.systemUTC()), List.of(endpoint), Clock.systemUTC(),
              new SimpleMeterRegistry());
          sent.add(threads.submit(() -> {
            go.await();
            try (dispatcher) {
              return dispatcher.runDue();
            }
          }));
        }
        go.countDown();
        int attempts = 0;
        for (Future<Integer> future : sent) {
          attempts += future.get(120, TimeUnit.SECONDS);
        }
        assertThat(attempts).isEqualTo(DELIVERIES);
      } finally {
        nodes.stream().skip(1).forEach(Database::close);
      }
      Map<String, Long> seen = receiver.requests().stream()
          .collect(Collectors.groupingBy(request -> request.header("X-Baton-Delivery"), Collectors.counting()));
      assertThat(seen).hasSize(DELIVERIES);
      assertThat(seen.values()).containsOnly(1L);
      assertThat(enqueuing.pending(10)).isEmpty();
      assertThat(receiver.requests().stream().map(Receiver.Request::body).collect(Collectors.toMap(Function.identity(), body -> 1,
          Integer::sum))).hasSize(DELIVERIES);
    }
  }
}
