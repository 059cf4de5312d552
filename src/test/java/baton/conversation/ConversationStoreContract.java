package baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.routing.JdbiTeamStore;
import baton.routing.Team;
import baton.platform.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversationStore} must do, run against each real database. Agents are inserted
 * with plain SQL so this contract does not depend on the agent feature.
 */
interface ConversationStoreContract {
  Database database();

  default ConversationStore store() {
    return new JdbiConversationStore(database().jdbi(), Clock.systemUTC());
  }

  default AgentRef anAgent(String name) {
    UUID id = UUID.randomUUID();
    database().jdbi().useHandle(handle -> handle.createUpdate(
            "insert into agents (id, email, name, password_hash, role, created_at) values (:id, :email, :name, 'x', 'agent', current_timestamp)")
        .bind("id", id).bind("email", id + "@test").bind("name", name).execute());
    return new AgentRef(id, name);
  }

  default void teams(String... ids) {
    var teams = new JdbiTeamStore(database().jdbi(), Clock.systemUTC());
    for (String id : ids) {
      teams.save(new Team(id, id.toUpperCase(), 5));
    }
  }

  default Conversation aConversation() {
    return store().start("web", new CustomerProfile(Optional.of("Ada"), Optional.of("ada@example.com"), Optional.empty()), "hash");
  }

  default Conversation aQueuedConversation(String team) {
    Conversation conversation = aConversation();
    store().append(conversation.id(), NewMessage.fromCustomer("agent please", Optional.empty()));
    store().handOff(conversation.id(), team, "human_request", "asked", NewMessage.system("Connecting you"));
    return conversation;
  }

  @Test
  default void start_thenFind_returnsConversationWithTheBotAndNoMessages() {
    Conversation started = aConversation();

    Conversation found = store().find(started.id()).orElseThrow();

    assertThat(found.state()).isEqualTo(ConversationState.BOT);
    assertThat(found.channel()).isEqualTo("web");
    assertThat(found.tokenHash()).isEqualTo("hash");
    assertThat(found.createdAt()).isEqualTo(started.createdAt());
    assertThat(store().messagesAfter(started.id(), 0, 100)).isEmpty();
    assertThat(store().customerOf(started.id()).orElseThrow().email()).contains("ada@example.com");
  }

  @Test
  default void find_unknownId_isEmpty() {
    assertThat(store().find(ConversationId.random())).isEmpty();
  }

  @Test
  default void append_numbersMessagesOneTwoThree_andKeepsEveryField() {
    Conversation conversation = aConversation();
    var citation = new Citation("Shipping times › Standard", "/kb/shipping-times#standard");

    store().append(conversation.id(), NewMessage.fromCustomer("hello", Optional.of("c-1")));
    store().append(conversation.id(), NewMessage.fromBot("Sam", "Standard shipping takes 3 days.", List.of(citation)));
    store().append(conversation.id(), NewMessage.system("note"));

    List<Message> messages = store().messagesAfter(conversation.id(), 0, 100);
    assertThat(messages).extracting(Message::seq).containsExactly(1L, 2L, 3L);
    assertThat(messages.get(0).clientId()).isEqualTo("c-1");
    assertThat(messages.get(1).author()).isEqualTo(Author.BOT);
    assertThat(messages.get(1).authorName()).isEqualTo("Sam");
    assertThat(messages.get(1).citations()).containsExactly(citation);
    assertThat(store().find(conversation.id()).orElseThrow().lastSeq()).isEqualTo(3);
  }

  @Test
  default void append_sameClientIdTwice_storesOnceAndReturnsTheStoredMessage() {
    Conversation conversation = aConversation();

    var first = store().append(conversation.id(), NewMessage.fromCustomer("where is my order?", Optional.of("retry-1")));
    var second = store().append(conversation.id(), NewMessage.fromCustomer("where is my order?", Optional.of("retry-1")));

    assertThat(first.duplicate()).isFalse();
    assertThat(second.duplicate()).isTrue();
    assertThat(second.message()).isEqualTo(first.message());
    assertThat(store().messagesAfter(conversation.id(), 0, 100)).hasSize(1);
  }

  @Test
  default void append_toUnknownConversation_throwsNotFound() {
    assertThatThrownBy(() -> store().append(ConversationId.random(), NewMessage.fromCustomer("hi", Optional.empty())))
        .isInstanceOf(ConversationNotFoundException.class);
  }

  @Test
  default void messagesAfter_returnsOnlyLaterMessagesInOrder() {
    Conversation conversation = aConversation();
    for (int i = 1; i <= 5; i++) {
      store().append(conversation.id(), NewMessage.fromCustomer("message " + i, Optional.empty()));
    }

    assertThat(store().messagesAfter(conversation.id(), 3, 100)).extracting(Message::text)
        .containsExactly("message 4", "message 5");
    assertThat(store().messagesAfter(conversation.id(), 0, 2)).extracting(Message::seq).containsExactly(1L, 2L);
  }

  @Test
  default void concurrentAppends_getUniqueGapFreeSequenceNumbers() throws Exception {
    Conversation conversation = aConversation();
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            store().append(conversation.id(), NewMessage.fromCustomer("t" + thread + " m" + i, Optional.empty()));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Message> messages = store().messagesAfter(conversation.id(), 0, 10_000);
    assertThat(messages).hasSize(threads * perThread);
    assertThat(messages).extracting(Message::seq)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, threads * perThread).boxed().toList());
  }

  @Test
  default void handOff_movesBotConversationToTheTeamQueueWithNoticeAndRecord() {
    teams("support");
    Conversation conversation = aConversation();
    store().append(conversation.id(), NewMessage.fromCustomer("I want a person", Optional.empty()));

    Optional<Message> notice = store().handOff(conversation.id(), "support", "human_request", "asked for a person",
        NewMessage.system("Connecting you to the Support team"));

    assertThat(notice).isPresent();
    assertThat(notice.get().seq()).isEqualTo(2);
    assertThat(notice.get().author()).isEqualTo(Author.SYSTEM);
    Conversation queued = store().find(conversation.id()).orElseThrow();
    assertThat(queued.state()).isEqualTo(ConversationState.QUEUED);
    assertThat(queued.teamId()).contains("support");
    assertThat(queued.queuedAt()).isPresent();
    Handoff handoff = store().latestHandoff(conversation.id()).orElseThrow();
    assertThat(handoff.reason()).isEqualTo("human_request");
    assertThat(handoff.detail()).isEqualTo("asked for a person");
    assertThat(handoff.claimedBy()).isEmpty();
  }

  @Test
  default void handOff_whenAlreadyQueued_changesNothing() {
    teams("support");
    Conversation conversation = aQueuedConversation("support");

    Optional<Message> second = store().handOff(conversation.id(), "support", "low_confidence", "again", NewMessage.system("again"));

    assertThat(second).isEmpty();
    assertThat(store().messagesAfter(conversation.id(), 0, 100)).hasSize(2);
  }

  @Test
  default void claim_firstAgentWins_secondGetsNothing() {
    teams("support");
    Conversation conversation = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    AgentRef bob = anAgent("Bob");

    assertThat(store().claim(conversation.id(), alice, NewMessage.system("Alice joined"))).isPresent();
    assertThat(store().claim(conversation.id(), bob, NewMessage.system("Bob joined"))).isEmpty();

    Conversation claimed = store().find(conversation.id()).orElseThrow();
    assertThat(claimed.state()).isEqualTo(ConversationState.WITH_AGENT);
    assertThat(claimed.assignedAgent()).contains(alice);
    assertThat(store().latestHandoff(conversation.id()).orElseThrow().claimedBy()).contains(alice.id());
    assertThat(store().messagesAfter(conversation.id(), 0, 100)).extracting(Message::text).doesNotContain("Bob joined");
  }

  @Test
  default void claim_byManyAgentsAtOnce_hasExactlyOneWinnerPerConversation() throws Exception {
    teams("support");
    int conversations = 20;
    int agents = 8;
    List<Conversation> queued = new ArrayList<>();
    for (int i = 0; i < conversations; i++) {
      queued.add(aQueuedConversation("support"));
    }
    List<AgentRef> team = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      team.add(anAgent("Agent " + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(agents);
    var wins = new ConcurrentLinkedQueue<String>();
    var failures = new AtomicInteger();
    try {
      var start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (AgentRef agent : team) {
        futures.add(pool.submit(() -> {
          start.await();
          for (Conversation conversation : queued) {
            try {
              store().claim(conversation.id(), agent, NewMessage.system(agent.name() + " joined"))
                  .ifPresent(m -> wins.add(conversation.id() + " " + agent.id()));
            } catch (RuntimeException e) {
              failures.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).hasValue(0);
    assertThat(wins).hasSize(conversations);
    Set<String> claimedConversations = new HashSet<>();
    for (String win : wins) {
      claimedConversations.add(win.split(" ")[0]);
    }
    assertThat(claimedConversations).hasSize(conversations);
    for (Conversation conversation : queued) {
      Conversation claimed = store().find(conversation.id()).orElseThrow();
      assertThat(claimed.state()).isEqualTo(ConversationState.WITH_AGENT);
      assertThat(wins).contains(conversation.id() + " " + claimed.assignedAgent().orElseThrow().id());
      assertThat(store().messagesAfter(conversation.id(), 0, 100)).filteredOn(m -> m.text().endsWith("joined")).hasSize(1);
    }
  }

  @Test
  default void resolve_onlyByTheOwner_thenReopenReturnsItToTheBot() {
    teams("support");
    Conversation conversation = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    AgentRef bob = anAgent("Bob");
    store().claim(conversation.id(), alice, NewMessage.system("Alice joined"));

    assertThat(store().resolve(conversation.id(), bob, NewMessage.system("resolved"))).isEmpty();
    assertThat(store().resolve(conversation.id(), alice, NewMessage.system("resolved"))).isPresent();
    assertThat(store().resolve(conversation.id(), alice, NewMessage.system("resolved again"))).isEmpty();
    assertThat(store().find(conversation.id()).orElseThrow().state()).isEqualTo(ConversationState.RESOLVED);

    assertThat(store().reopen(conversation.id())).isTrue();
    Conversation reopened = store().find(conversation.id()).orElseThrow();
    assertThat(reopened.state()).isEqualTo(ConversationState.BOT);
    assertThat(reopened.assignedAgent()).isEmpty();
    assertThat(store().reopen(conversation.id())).isFalse();
  }

  @Test
  default void queued_listsOnlyTheGivenTeams_longestWaitingFirst_andAssignedToListsMine() throws Exception {
    teams("support", "billing");
    Conversation first = aQueuedConversation("support");
    Thread.sleep(5);
    Conversation billing = aQueuedConversation("billing");
    Thread.sleep(5);
    Conversation second = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");

    assertThat(store().queued(List.of("support"))).extracting(QueueEntry::id).containsExactly(first.id(), second.id());
    assertThat(store().queued(List.of("support", "billing"))).extracting(QueueEntry::id)
        .containsExactly(first.id(), billing.id(), second.id());
    QueueEntry entry = store().queued(List.of("billing")).getFirst();
    assertThat(entry.customerName()).contains("Ada");
    assertThat(entry.handoffReason()).contains("human_request");
    assertThat(entry.lastMessage()).contains("agent please");
    assertThat(store().queued(List.of())).isEmpty();

    store().claim(second.id(), alice, NewMessage.system("Alice joined"));
    assertThat(store().assignedTo(alice.id())).extracting(QueueEntry::id).containsExactly(second.id());
    assertThat(store().queued(List.of("support"))).extracting(QueueEntry::id).containsExactly(first.id());
  }

  @Test
  default void handOff_withTierAndPacket_keepsThemWithTheHandoff() {
    teams("support");
    Conversation conversation = aConversation();
    String packet = "{\"schema\":\"baton.handoff-packet\",\"version\":1,\"summary\":{\"request\":\"" + "x".repeat(50_000) + "\"}}";

    store().handOff(conversation.id(), new ConversationStore.HandoffRequest("support", "frustration", "d".repeat(3_000),
        Optional.of("urgent"), Optional.of(packet)), NewMessage.system("Connecting you"));

    Handoff handoff = store().latestHandoff(conversation.id()).orElseThrow();
    assertThat(handoff.tierId()).contains("urgent");
    assertThat(handoff.packetJson()).contains(packet);
    assertThat(handoff.detail()).as("capped to the column").hasSize(2_000);
  }

  @Test
  default void recordDecision_keepsTheLogInOrder_andIgnoresASecondDecisionOnOneMessage() {
    Conversation conversation = aConversation();
    store().recordDecision(conversation.id(), 4, "clarify", "{\"seq\":4}");
    store().recordDecision(conversation.id(), 2, "answer", "{\"seq\":2}");
    store().recordDecision(conversation.id(), 4, "handoff", "{\"seq\":4,\"again\":true}");

    List<ConversationStore.StoredDecision> log = store().decisions(conversation.id());

    assertThat(log).extracting(ConversationStore.StoredDecision::seq).containsExactly(2L, 4L);
    assertThat(log).extracting(ConversationStore.StoredDecision::action).containsExactly("answer", "clarify");
    assertThat(log.get(1).json()).isEqualTo("{\"seq\":4}");
    assertThat(store().decisions(ConversationId.random())).isEmpty();
  }

  @Test
  default void recordDecisionWithReply_storesBothTogether_andNeitherForAMessageAlreadyDecided() {
    Conversation conversation = aConversation();
    Message asked = store().append(conversation.id(), NewMessage.fromCustomer("where is my parcel", Optional.empty())).message();

    Optional<Message> reply = store().recordDecisionWithReply(conversation.id(), asked.seq(), "answer", "{\"seq\":" + asked.seq() + "}",
        NewMessage.fromBot("Baton", "It is on its way.", List.of()));
    Optional<Message> again = store().recordDecisionWithReply(conversation.id(), asked.seq(), "clarify", "{\"again\":true}",
        NewMessage.fromBot("Baton", "Which parcel?", List.of()));

    assertThat(reply).map(Message::seq).contains(asked.seq() + 1);
    assertThat(again).isEmpty();
    assertThat(store().decisions(conversation.id())).extracting(ConversationStore.StoredDecision::action).containsExactly("answer");
    assertThat(store().messagesAfter(conversation.id(), asked.seq(), 10)).extracting(Message::text).containsExactly("It is on its way.");
  }

  @Test
  default void assignNext_givesTheLongestWaitingConversationOfTheTeam_andStopsAtCapacity() {
    teams("support", "billing");
    Conversation first = aQueuedConversation("support");
    aQueuedConversation("billing");
    Conversation second = aQueuedConversation("support");
    Conversation third = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");

    var one = store().assignNext("support", alice, 2, NewMessage.system("Alice has joined"));
    var two = store().assignNext("support", alice, 2, NewMessage.system("Alice has joined"));
    var full = store().assignNext("support", alice, 2, NewMessage.system("Alice has joined"));

    assertThat(one.orElseThrow().conversationId()).isEqualTo(first.id());
    assertThat(two.orElseThrow().conversationId()).isEqualTo(second.id());
    assertThat(full).as("at capacity").isEmpty();
    Conversation assigned = store().find(first.id()).orElseThrow();
    assertThat(assigned.state()).isEqualTo(ConversationState.WITH_AGENT);
    assertThat(assigned.assignedAgent().orElseThrow().id()).isEqualTo(alice.id());
    assertThat(one.get().notice().text()).isEqualTo("Alice has joined");
    assertThat(store().latestHandoff(first.id()).orElseThrow().claimedBy()).contains(alice.id());
    assertThat(store().find(third.id()).orElseThrow().state()).isEqualTo(ConversationState.QUEUED);
    assertThat(store().assignNext("sales", anAgent("Bob"), 5, NewMessage.system("x"))).as("nothing queued").isEmpty();
  }

  @Test
  default void queueSnapshot_countsTheQueueTheOnlineCapacityAndRecentTimes() {
    teams("support");
    aQueuedConversation("support");
    aQueuedConversation("support");
    aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    database().jdbi().useHandle(handle -> {
      handle.createUpdate("insert into agent_teams (agent_id, team_id) values (:id, 'support')").bind("id", alice.id()).execute();
      handle.createUpdate("update agents set presence = 'online', capacity = 2 where id = :id").bind("id", alice.id()).execute();
    });
    var assigned = store().assignNext("support", alice, 2, NewMessage.system("Alice has joined")).orElseThrow();
    store().resolve(assigned.conversationId(), alice, NewMessage.system("resolved"));
    store().assignNext("support", alice, 2, NewMessage.system("Alice has joined"));

    var snapshot = store().queueSnapshot("support", 50);

    assertThat(snapshot.queued()).isEqualTo(1);
    assertThat(snapshot.onlineCapacity()).isEqualTo(2);
    assertThat(snapshot.freeSlots()).isEqualTo(1);
    assertThat(snapshot.recentHandleTimes()).hasSize(1);
    assertThat(snapshot.recentPickupTimes()).hasSize(2).allMatch(time -> !time.isNegative());
    assertThat(store().queueSnapshot("nobody", 50).onlineCapacity()).isZero();
  }

  @Test
  default void queueSnapshot_takesTheMostRecentHandoffs_fromALongHistoryWithUnclaimedOnesAmongThem() {
    teams("support");
    longHandoffHistory(aConversation(), 3_000);

    var snapshot = store().queueSnapshot("support", 50);

    // Handoff i was picked up after i ms and handled for i s; the last 50 claimed and resolved are 2,950..2,999.
    assertThat(snapshot.recentHandleTimes()).hasSize(50)
        .allMatch(time -> time.toSeconds() >= 2_950 && time.toSeconds() < 3_000);
    assertThat(snapshot.recentPickupTimes()).hasSize(50)
        .allMatch(time -> time.toMillis() >= 2_950 && time.toMillis() < 3_000);
  }

  /**
   * {@code count} claimed and resolved handoffs of team "support", a second apart and long past; handoff
   * i waited i ms and took i s. Between them, every tenth one is still unclaimed (an email fallback
   * nobody took).
   */
  default void longHandoffHistory(Conversation conversation, int count) {
    java.time.Instant start = java.time.Instant.now().minus(java.time.Duration.ofDays(30));
    database().jdbi().useHandle(handle -> {
      var batch = handle.prepareBatch("insert into handoffs (id, conversation_id, team_id, reason, detail, created_at, claimed_at,"
          + " resolved_at) values (:id, :conversation, 'support', 'human_request', 'asked', :created, :claimed, :resolved)");
      for (int i = 0; i < count; i++) {
        java.time.Instant created = start.plusSeconds(i * 2L);
        batch.bind("id", UUID.randomUUID()).bind("conversation", conversation.id().value())
            .bind("created", created).bind("claimed", created.plusMillis(i)).bind("resolved", created.plusMillis(i).plusSeconds(i)).add();
        if (i % 10 == 0) {
          batch.bind("id", UUID.randomUUID()).bind("conversation", conversation.id().value()).bind("created", created.plusSeconds(1))
              .bind("claimed", (java.time.Instant) null).bind("resolved", (java.time.Instant) null).add();
        }
      }
      batch.execute();
    });
  }

  @Test
  default void takeBack_fromASilentAgent_requeuesAtItsPlace_butNotOnceTheAgentHasAnswered() {
    teams("support");
    database().jdbi().useHandle(handle -> handle.createUpdate("update teams set assignment = 'auto' where id = 'support'").execute());
    Conversation silent = aQueuedConversation("support");
    Conversation answered = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    store().assignNext("support", alice, 5, NewMessage.system("Alice has joined"));
    store().assignNext("support", alice, 5, NewMessage.system("Alice has joined"));
    store().append(answered.id(), NewMessage.fromAgent(alice, "Hi, looking into it"));

    var overdue = store().unansweredAssignments(java.time.Instant.now().plus(java.time.Duration.ofMinutes(6)));
    var early = store().unansweredAssignments(java.time.Instant.now());

    assertThat(overdue).extracting(ConversationStore.Unanswered::conversationId).containsExactly(silent.id());
    assertThat(early).as("within the team's reply time").isEmpty();
    assertThat(store().takeBack(silent.id(), alice, NewMessage.system("someone else"))).isPresent();
    assertThat(store().takeBack(answered.id(), alice, NewMessage.system("someone else"))).as("Alice answered").isEmpty();
    Conversation requeued = store().find(silent.id()).orElseThrow();
    assertThat(requeued.state()).isEqualTo(ConversationState.QUEUED);
    assertThat(requeued.assignedAgent()).isEmpty();
    assertThat(store().latestHandoff(silent.id()).orElseThrow().claimedBy()).isEmpty();
    assertThat(store().assignNext("support", anAgent("Bob"), 5, NewMessage.system("Bob has joined")).orElseThrow().conversationId())
        .as("first in line again").isEqualTo(silent.id());
  }

  default Conversation aQueuedConversation(String team, int priority, Optional<String> skill) {
    Conversation conversation = aConversation();
    store().append(conversation.id(), NewMessage.fromCustomer("agent please", Optional.empty()));
    store().handOff(conversation.id(), new ConversationStore.HandoffRequest(team, "human_request", "asked", Optional.of("tier"),
        Optional.empty(), priority, skill, Optional.of("mild")), NewMessage.system("Connecting you"));
    return conversation;
  }

  default void giveSkill(AgentRef agent, String skill) {
    database().jdbi().useHandle(handle -> handle.createUpdate("insert into agent_skills (agent_id, skill) values (:id, :skill)")
        .bind("id", agent.id()).bind("skill", skill).execute());
  }

  @Test
  default void assignNext_servesHigherTierPriorityFirst_thenTheLongestWaiting() {
    teams("support");
    Conversation standardFirst = aQueuedConversation("support", 5, Optional.empty());
    Conversation standardSecond = aQueuedConversation("support", 5, Optional.empty());
    Conversation urgentLast = aQueuedConversation("support", 1, Optional.empty());
    AgentRef alice = anAgent("Alice");

    assertThat(store().queued(List.of("support"))).extracting(QueueEntry::id)
        .containsExactly(urgentLast.id(), standardFirst.id(), standardSecond.id());
    assertThat(store().queued(List.of("support")).get(0).priority()).isEqualTo(1);
    assertThat(store().queued(List.of("support")).get(0).frustration()).contains("mild");
    assertThat(store().assignNext("support", alice, 5, NewMessage.system("x")).orElseThrow().conversationId()).isEqualTo(urgentLast.id());
    assertThat(store().assignNext("support", alice, 5, NewMessage.system("x")).orElseThrow().conversationId()).isEqualTo(standardFirst.id());
  }

  @Test
  default void assignNext_andClaim_giveSkillTaggedConversationsOnlyToHolders() {
    teams("billing");
    Conversation dispute = aQueuedConversation("billing", 1, Optional.of("refunds"));
    Conversation plain = aQueuedConversation("billing", 5, Optional.empty());
    AgentRef novice = anAgent("Nia");
    AgentRef expert = anAgent("Eve");
    giveSkill(expert, "refunds");

    assertThat(store().claim(dispute.id(), novice, NewMessage.system("Nia joined"))).as("no refunds skill").isEmpty();
    assertThat(store().assignNext("billing", novice, 5, NewMessage.system("x")).orElseThrow().conversationId())
        .as("the novice skips what they cannot take").isEqualTo(plain.id());
    assertThat(store().assignNext("billing", novice, 5, NewMessage.system("x"))).isEmpty();
    assertThat(store().assignNext("billing", expert, 5, NewMessage.system("x")).orElseThrow().conversationId()).isEqualTo(dispute.id());
    assertThat(store().find(dispute.id()).orElseThrow().requiredSkill()).contains("refunds");
  }

  @Test
  default void reassign_movesAQueuedOrHeldConversationToAnotherAgent_andRestartsTheirClock() {
    teams("support");
    Conversation held = aQueuedConversation("support");
    Conversation queued = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    AgentRef bob = anAgent("Bob");
    store().claim(held.id(), alice, NewMessage.system("Alice joined"));

    assertThat(store().reassign(held.id(), bob, alice, NewMessage.system("Bob takes over"))).isPresent();
    assertThat(store().find(held.id()).orElseThrow().isAssignedTo(bob.id())).isTrue();
    assertThat(store().latestHandoff(held.id()).orElseThrow().claimedBy()).contains(bob.id());
    assertThat(store().reassign(queued.id(), alice, bob, NewMessage.system("Alice takes it"))).isPresent();
    assertThat(store().find(queued.id()).orElseThrow().state()).isEqualTo(ConversationState.WITH_AGENT);
    assertThat(store().reassign(aConversation().id(), alice, bob, NewMessage.system("x"))).as("still with the bot").isEmpty();
  }

  @Test
  default void handBack_returnsTheConversationToTheBot_onlyByItsAgent() {
    teams("support");
    Conversation conversation = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    store().claim(conversation.id(), alice, NewMessage.system("Alice joined"));

    assertThat(store().handBack(conversation.id(), anAgent("Bob"), Optional.empty(), NewMessage.system("x"))).isEmpty();
    assertThat(store().handBack(conversation.id(), alice, Optional.of("answered the sizing question"), NewMessage.system("back to Sam")))
        .isPresent();
    Conversation back = store().find(conversation.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(ConversationState.BOT);
    assertThat(back.teamId()).isEmpty();
    assertThat(back.assignedAgent()).isEmpty();
    Handoff closed = store().latestHandoff(conversation.id()).orElseThrow();
    assertThat(closed.resolution()).contains("handed_back");
    assertThat(closed.resolutionNote()).contains("answered the sizing question");
  }

  @Test
  default void resolve_keepsTheNoteAndTheReusableFlag() {
    teams("support");
    Conversation conversation = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    store().claim(conversation.id(), alice, NewMessage.system("Alice joined"));
    store().resolve(conversation.id(), alice, new ConversationStore.Resolution(Optional.of("Refund sent"), true),
        NewMessage.system("resolved"));
    Handoff closed = store().latestHandoff(conversation.id()).orElseThrow();
    assertThat(closed.resolution()).contains("resolved");
    assertThat(closed.resolutionNote()).contains("Refund sent");
    assertThat(closed.reusable()).isTrue();
    assertThat(closed.resolvedBy()).contains(alice.id());
  }

  @Test
  default void everyStateChange_isInTheAuditChain_inOrder_andTheChainVerifies() {
    teams("support");
    Conversation conversation = aQueuedConversation("support");
    AgentRef alice = anAgent("Alice");
    store().recordDecision(conversation.id(), 1, "handoff", "{\"rule\":\"human_request\"}");
    store().claim(conversation.id(), alice, NewMessage.system("Alice joined"));
    store().addNote(conversation.id(), alice, "VIP");
    store().resolve(conversation.id(), alice, new ConversationStore.Resolution(Optional.empty(), true), NewMessage.system("resolved"));
    store().claim(conversation.id(), alice, NewMessage.system("again")); // refused: no entry

    var audit = new baton.compliance.JdbiAuditLog(database().jdbi(), Clock.systemUTC());
    var entries = audit.page(0, 100).stream().filter(entry -> entry.subject().equals("conversation:" + conversation.id().value())).toList();
    assertThat(entries).extracting(baton.compliance.AuditEntry::action).containsExactly("handoff", "decision", "claim", "note_added", "resolve");
    assertThat(entries.get(2).actor()).isEqualTo("agent:" + alice.id());
    assertThat(entries.get(1).details()).contains("sha256");
    assertThat(entries.get(3).details()).as("note text stays out of the log").doesNotContain("VIP");
    assertThat(audit.verify().intact()).isTrue();
  }
}
