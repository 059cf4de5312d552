package baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RedisEventBusTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void publish_onOneNode_reachesListenersOnTheOther_once_andInOrder() throws Exception {
    URI url = TestRedis.require();
    String prefix = TestRedis.freshPrefix();
    try (var nodeA = RedisEventBus.connect(url, prefix); var nodeB = RedisEventBus.connect(url, prefix)) {
      assertThat(nodeA.awaitSubscribed(WAIT)).isTrue();
      assertThat(nodeB.awaitSubscribed(WAIT)).isTrue();
      List<String> onA = new CopyOnWriteArrayList<>();
      List<String> onB = new CopyOnWriteArrayList<>();
      nodeA.subscribe("conversation.1", onA::add);
      nodeB.subscribe("conversation.1", onB::add);

      for (int i = 1; i <= 50; i++) {
        nodeA.publish("conversation.1", "{\"seq\":" + i + "}");
      }

      awaitSize(onB, 50);
      assertThat(onB).first().isEqualTo("{\"seq\":1}");
      assertThat(onB).last().isEqualTo("{\"seq\":50}");
      assertThat(onB).doesNotHaveDuplicates().hasSize(50).isEqualTo(onA);
      Thread.sleep(200);
      assertThat(onA).as("the publishing node gets its own events once, not again as an echo").hasSize(50);
    }
  }

  @Test
  void topics_andClusters_stayApart() throws Exception {
    URI url = TestRedis.require();
    String prefix = TestRedis.freshPrefix();
    try (var nodeA = RedisEventBus.connect(url, prefix); var nodeB = RedisEventBus.connect(url, prefix);
        var otherCluster = RedisEventBus.connect(url, TestRedis.freshPrefix())) {
      nodeA.awaitSubscribed(WAIT);
      nodeB.awaitSubscribed(WAIT);
      otherCluster.awaitSubscribed(WAIT);
      List<String> otherTopic = new CopyOnWriteArrayList<>();
      List<String> sameTopic = new CopyOnWriteArrayList<>();
      List<String> foreign = new CopyOnWriteArrayList<>();
      nodeB.subscribe("conversation.2", otherTopic::add);
      nodeB.subscribe("conversation.1", sameTopic::add);
      otherCluster.subscribe("conversation.1", foreign::add);

      nodeA.publish("conversation.1", "{\"n\":1}");

      awaitSize(sameTopic, 1);
      Thread.sleep(200);
      assertThat(otherTopic).isEmpty();
      assertThat(foreign).isEmpty();
    }
  }

  @Test
  void subscriptionLost_comesBack_andTellsLocalListenersToResync() throws Exception {
    URI url = TestRedis.require();
    String prefix = TestRedis.freshPrefix();
    try (var nodeA = RedisEventBus.connect(url, prefix); var nodeB = RedisEventBus.connect(url, prefix)) {
      nodeA.awaitSubscribed(WAIT);
      nodeB.awaitSubscribed(WAIT);
      List<String> onB = new CopyOnWriteArrayList<>();
      nodeB.subscribe("agents", onB::add);

      TestRedis.killSubscribers();

      awaitSize(onB, 1);
      assertThat(onB).containsExactly(EventBus.RESYNC);
      assertThat(nodeB.resyncCount()).isGreaterThanOrEqualTo(1);
      assertThat(nodeB.awaitSubscribed(WAIT)).isTrue();
      assertThat(nodeA.awaitSubscribed(WAIT)).isTrue();
      nodeA.publish("agents", "{\"after\":\"restart\"}");
      awaitSize(onB, 2);
      assertThat(onB).last().isEqualTo("{\"after\":\"restart\"}");
    }
  }

  @Test
  void redisUnreachable_nodeStillServesItsOwnListeners() throws Exception {
    // Nothing listens on port 1 on loopback: connecting is refused at once.
    try (var lonely = RedisEventBus.connect(URI.create("redis://127.0.0.1:1"), TestRedis.freshPrefix())) {
      List<String> events = new CopyOnWriteArrayList<>();
      lonely.subscribe("conversation.9", events::add);

      lonely.publish("conversation.9", "{\"still\":\"here\"}");

      assertThat(events).containsExactly("{\"still\":\"here\"}");
      assertThat(lonely.awaitSubscribed(Duration.ofMillis(300))).isFalse();
    }
  }

  private static void awaitSize(List<String> events, int size) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (events.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(events).hasSizeGreaterThanOrEqualTo(size);
  }
}
