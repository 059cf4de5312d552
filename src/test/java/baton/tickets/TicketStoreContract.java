package baton.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import baton.compliance.AuditEntry;
import baton.compliance.JdbiAuditLog;
import baton.conversation.AgentRef;
import baton.conversation.Conversation;
import baton.conversation.ConversationStore;
import baton.conversation.CustomerProfile;
import baton.conversation.Handoff;
import baton.conversation.JdbiConversationStore;
import baton.conversation.NewMessage;
import baton.platform.Database;
import baton.routing.JdbiTeamStore;
import baton.routing.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the ticket store must do, on each real database: status derived from the conversation, marks, due order. */
interface TicketStoreContract {
  Instant START = Instant.parse("2026-11-25T10:00:00Z");

  Database database();

  MutableClock clock();

  default ConversationStore conversations() {
    return new JdbiConversationStore(database().jdbi(), clock(), new JdbiAuditLog(database().jdbi(), clock()));
  }

  default TicketStore tickets() {
    return new JdbiTicketStore(database().jdbi(), clock(), new JdbiAuditLog(database().jdbi(), clock()));
  }

  @BeforeEach
  default void twoTeams() {
    var teams = new JdbiTeamStore(database().jdbi(), clock());
    teams.save(new Team("support", "Support", 5));
    teams.save(new Team("billing", "Billing", 10));
  }

  default AgentRef anAgent(String name) {
    UUID id = UUID.randomUUID();
    database().jdbi().useHandle(handle -> handle.createUpdate(
            "insert into agents (id, email, name, password_hash, role, created_at) values (:id, :email, :name, 'x', 'agent', current_timestamp)")
        .bind("id", id).bind("email", id + "@test").bind("name", name).execute());
    return new AgentRef(id, name);
  }

  /** A conversation handed to the email tier of {@code team}, its ticket due {@code dueIn} after the handoff. */
  default Ticket anEmailTicket(String team, Duration dueIn) {
    Conversation conversation = conversations().start("web",
        new CustomerProfile(Optional.of("Ada"), Optional.of("ada@example.com"), Optional.empty()), "hash");
    conversations().append(conversation.id(), NewMessage.fromCustomer("please close my account", Optional.empty()));
    clock().advance(Duration.ofSeconds(1));
    conversations().handOff(conversation.id(), new ConversationStore.HandoffRequest(team, "rule", "loop", Optional.of("email"),
        Optional.empty()), NewMessage.system("The team replies by email"));
    Handoff handoff = conversations().latestHandoff(conversation.id()).orElseThrow();
    tickets().open(new TicketStore.Opened(handoff.id(), conversation.id(), "email", "email", Optional.of("please close my account"),
        handoff.createdAt(), handoff.createdAt().plus(dueIn)));
    clock().advance(Duration.ofSeconds(1));
    return tickets().find(handoff.id()).orElseThrow();
  }

  @Test
  default void open_thenFind_isOpenUnassignedAndDueAsPromised() {
    Ticket ticket = anEmailTicket("support", Duration.ofHours(4));

    assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
    assertThat(ticket.teamId()).contains("support");
    assertThat(ticket.assignee()).isEmpty();
    assertThat(ticket.customerName()).contains("Ada");
    assertThat(ticket.subject()).contains("please close my account");
    assertThat(ticket.dueAt()).isEqualTo(ticket.createdAt().plus(Duration.ofHours(4)));
    assertThat(ticket.overdueAt(ticket.dueAt())).isFalse();
    assertThat(ticket.overdueAt(ticket.dueAt().plusSeconds(1))).isTrue();
  }

  @Test
  default void open_sameHandoffTwice_storesOneTicket() {
    Ticket ticket = anEmailTicket("support", Duration.ofHours(4));
    tickets().open(new TicketStore.Opened(ticket.id(), ticket.conversationId(), "email", "email", Optional.empty(), ticket.createdAt(),
        ticket.dueAt().plusSeconds(60)));

    assertThat(tickets().list(false, 10)).extracting(Ticket::id).containsExactly(ticket.id());
    assertThat(tickets().find(ticket.id()).orElseThrow().dueAt()).as("the first promise stands").isEqualTo(ticket.dueAt());
  }

  @Test
  default void list_unsolvedSoonestDueFirst() {
    Ticket later = anEmailTicket("support", Duration.ofHours(24));
    Ticket sooner = anEmailTicket("billing", Duration.ofHours(1));

    assertThat(tickets().list(false, 10)).extracting(Ticket::id).containsExactly(sooner.id(), later.id());
    assertThat(tickets().list(true, 10)).isEmpty();
    assertThat(tickets().list(false, 1)).extracting(Ticket::id).containsExactly(sooner.id());
  }

  @Test
  default void claim_makesTheAgentTheAssignee_teamReplyMakesItPending_customerReopens() {
    Ticket ticket = anEmailTicket("support", Duration.ofHours(4));
    AgentRef alice = anAgent("Alice");
    conversations().claim(ticket.conversationId(), alice, NewMessage.system("Alice joined"));
    assertThat(tickets().find(ticket.id()).orElseThrow().assignee()).contains(alice);

    clock().advance(Duration.ofSeconds(1));
    conversations().append(ticket.conversationId(), NewMessage.fromAgent(alice, "Done."));
    assertThat(tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.PENDING);

    clock().advance(Duration.ofSeconds(1));
    conversations().append(ticket.conversationId(), NewMessage.fromCustomer("thanks, one more thing", Optional.empty()));
    assertThat(tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  default void mark_isTheStatusUntilSomeoneWrites_andIsAudited() {
    Ticket ticket = anEmailTicket("support", Duration.ofHours(4));
    AgentRef bob = anAgent("Bob");

    tickets().mark(ticket.id(), TicketStatus.PENDING, bob);
    assertThat(tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.PENDING);
    clock().advance(Duration.ofSeconds(1));
    tickets().mark(ticket.id(), TicketStatus.OPEN, bob);
    assertThat(tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    clock().advance(Duration.ofSeconds(1));
    tickets().mark(ticket.id(), TicketStatus.PENDING, bob);
    clock().advance(Duration.ofSeconds(1));
    conversations().append(ticket.conversationId(), NewMessage.fromCustomer("hello?", Optional.empty()));
    assertThat(tickets().find(ticket.id()).orElseThrow().status()).as("the customer wrote after the mark").isEqualTo(TicketStatus.OPEN);

    List<AuditEntry> entries = new JdbiAuditLog(database().jdbi(), clock()).page(0, 1000).stream()
        .filter(entry -> entry.action().equals("ticket_status")).toList();
    assertThat(entries).hasSize(3);
    assertThat(entries.get(0).actor()).isEqualTo("agent:" + bob.id());
    assertThat(entries.get(0).subject()).isEqualTo("conversation:" + ticket.conversationId());
    assertThat(entries.get(0).details()).contains("\"status\":\"pending\"").contains(ticket.id().toString());
  }

  @Test
  default void resolve_solvesIt_withTheResolverAndTheirTeam_evenAfterATransfer() {
    Ticket ticket = anEmailTicket("support", Duration.ofHours(4));
    AgentRef alice = anAgent("Alice");
    AgentRef bob = anAgent("Bob");
    conversations().claim(ticket.conversationId(), alice, NewMessage.system("Alice joined"));
    clock().advance(Duration.ofSeconds(1));
    conversations().transfer(ticket.conversationId(), alice, "billing", "a refund", NewMessage.system("Passed to billing"));
    Ticket transferred = tickets().find(ticket.id()).orElseThrow();
    assertThat(transferred.status()).as("a transfer does not end the ticket").isNotEqualTo(TicketStatus.SOLVED);
    assertThat(transferred.teamId()).contains("billing");
    assertThat(transferred.assignee()).isEmpty();

    conversations().claim(ticket.conversationId(), bob, NewMessage.system("Bob joined"));
    clock().advance(Duration.ofSeconds(1));
    conversations().resolve(ticket.conversationId(), bob, new ConversationStore.Resolution(Optional.of("refunded"), false),
        NewMessage.system("Resolved"));

    Ticket solved = tickets().find(ticket.id()).orElseThrow();
    assertThat(solved.status()).isEqualTo(TicketStatus.SOLVED);
    assertThat(solved.solvedAt()).contains(clock().instant());
    assertThat(solved.assignee()).contains(bob);
    assertThat(solved.teamId()).contains("billing");
    assertThat(solved.overdueAt(solved.dueAt().plus(Duration.ofDays(1)))).as("solved is never overdue").isFalse();
    assertThat(tickets().list(true, 10)).extracting(Ticket::id).containsExactly(ticket.id());
    assertThat(tickets().list(false, 10)).isEmpty();
  }

  @Test
  default void handBackToTheBot_solvesIt_andALaterEpisodeDoesNotReopenIt() {
    Ticket ticket = anEmailTicket("support", Duration.ofHours(4));
    AgentRef alice = anAgent("Alice");
    conversations().claim(ticket.conversationId(), alice, NewMessage.system("Alice joined"));
    conversations().handBack(ticket.conversationId(), alice, Optional.empty(), NewMessage.system("Back to the bot"));
    clock().advance(Duration.ofSeconds(1));
    conversations().append(ticket.conversationId(), NewMessage.fromCustomer("another question", Optional.empty()));
    conversations().handOff(ticket.conversationId(), "support", "human_request", "asked", NewMessage.system("Connecting you"));

    assertThat(tickets().find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.SOLVED);
    assertThat(tickets().list(false, 10)).as("a live handoff is not a ticket").isEmpty();
  }
}
