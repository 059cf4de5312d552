package baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.OnPostgres;
import baton.routing.JdbiTeamStore;
import baton.routing.Team;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;

/**
 * Routing's guarantee on PostgreSQL: 50 threads (as if on several nodes) pull from one queue of
 * 10,000 conversations for 100 agents of capacity 100, each thread working for two agents. Every
 * conversation goes to exactly one agent, none is lost, and no agent ever holds more than its capacity.
 */
class ConcurrentAssignmentTest extends OnPostgres {
  private static final int CONVERSATIONS = 10_000;
  private static final int THREADS = 50;
  private static final int AGENTS = 100;
  private static final int CAPACITY = CONVERSATIONS / AGENTS;

  @Test
  void assignNext_by50Threads_over10000Conversations_assignsEachExactlyOnceWithinCapacity() throws Exception {
    new JdbiTeamStore(database().jdbi(), Clock.systemUTC()).save(new Team("support", "Support", 5));
    List<AgentRef> agents = new ArrayList<>();
    database().jdbi().useTransaction(handle -> {
      PreparedBatch batch = handle.prepareBatch(
          "insert into agents (id, email, name, password_hash, role, created_at, capacity) values (:id, :email, :name, 'x', 'agent', :now, :capacity)");
      for (int i = 0; i < AGENTS; i++) {
        UUID id = UUID.randomUUID();
        agents.add(new AgentRef(id, "Agent " + i));
        batch.bind("id", id).bind("email", id + "@test").bind("name", "Agent " + i).bind("now", Instant.now()).bind("capacity", CAPACITY).add();
      }
      batch.execute();
    });
    queue(CONVERSATIONS);
    var store = new JdbiConversationStore(database().jdbi(), Clock.systemUTC());
    Map<ConversationId, UUID> assignedTo = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    var start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<AgentRef> mine = List.of(agents.get(t), agents.get(t + THREADS));
      done.add(threads.submit(() -> {
        start.await();
        boolean any = true;
        while (any) {
          any = false;
          for (AgentRef agent : mine) {
            var assigned = store.assignNext("support", agent, CAPACITY, NewMessage.system(agent.name() + " has joined"));
            if (assigned.isPresent()) {
              any = true;
              if (assignedTo.putIfAbsent(assigned.get().conversationId(), agent.id()) != null) {
                duplicates.incrementAndGet();
              }
            }
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(120, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(duplicates).hasValue(0);
    assertThat(assignedTo).hasSize(CONVERSATIONS);
    database().jdbi().useHandle(handle -> {
      assertThat(handle.createQuery("select count(*) from conversations where state = 'QUEUED'").mapTo(Integer.class).one())
          .as("none lost in the queue").isZero();
      assertThat(handle.createQuery("select max(n) from (select count(*) as n from conversations where state = 'WITH_AGENT'"
          + " group by assigned_agent_id) loads").mapTo(Integer.class).one()).as("nobody over capacity").isLessThanOrEqualTo(CAPACITY);
      assertThat(handle.createQuery("select count(*) from messages where author = 'system' and body like '% has joined'")
          .mapTo(Integer.class).one()).as("one join notice per conversation").isEqualTo(CONVERSATIONS);
      assertThat(handle.createQuery("select count(*) from handoffs where claimed_by is null").mapTo(Integer.class).one()).isZero();
    });
  }

  private void queue(int count) {
    queue(database().jdbi(), count);
  }

  /** Queues {@code count} conversations for the support team directly, in one batch, as handoffs would. */
  static void queue(org.jdbi.v3.core.Jdbi jdbi, int count) {
    jdbi.useTransaction(handle -> {
      PreparedBatch customers = handle.prepareBatch("insert into customers (id, created_at) values (:id, :now)");
      PreparedBatch conversations = handle.prepareBatch("insert into conversations (id, token_hash, channel, customer_id, state, team_id,"
          + " last_seq, created_at, updated_at, queued_at) values (:id, 'hash', 'web', :customer, 'QUEUED', 'support', 0, :now, :now, :queued)");
      PreparedBatch handoffs = handle.prepareBatch("insert into handoffs (id, conversation_id, team_id, reason, detail, created_at)"
          + " values (:id, :conversation, 'support', 'human_request', 'test', :now)");
      Instant base = Instant.now();
      for (int i = 0; i < count; i++) {
        UUID customer = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        customers.bind("id", customer).bind("now", base).add();
        conversations.bind("id", conversation).bind("customer", customer).bind("now", base).bind("queued", base.plusMillis(i)).add();
        handoffs.bind("id", UUID.randomUUID()).bind("conversation", conversation).bind("now", base).add();
      }
      customers.execute();
      conversations.execute();
      handoffs.execute();
    });
  }
}
