package baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.Database;
import baton.routing.JdbiTeamStore;
import baton.routing.Team;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AgentStore} must do, run against each real database. */
interface AgentStoreContract {
  Database database();

  default AgentStore store() {
    return new JdbiAgentStore(database().jdbi(), Clock.systemUTC());
  }

  @BeforeEach
  default void teams() {
    var teams = new JdbiTeamStore(database().jdbi(), Clock.systemUTC());
    teams.save(new Team("support", "Support", 5));
    teams.save(new Team("billing", "Billing", 10));
  }

  @Test
  default void save_thenFindByEmail_ignoresCaseAndKeepsTeams() {
    Agent saved = store().save("Alice@Example.com", "Alice", AgentRole.AGENT, "hash-1", List.of("support", "billing"));

    Agent found = store().findByEmail("alice@example.COM").orElseThrow();

    assertThat(found).isEqualTo(saved);
    assertThat(found.email()).isEqualTo("alice@example.com");
    assertThat(found.teamIds()).containsExactly("billing", "support");
    assertThat(store().passwordHash(found.id())).contains("hash-1");
    assertThat(store().find(found.id())).contains(found);
    assertThat(store().count()).isEqualTo(1);
  }

  @Test
  default void save_existingEmail_updatesInPlace() {
    Agent first = store().save("bob@example.com", "Bob", AgentRole.AGENT, "hash-1", List.of("support"));

    Agent second = store().save("bob@example.com", "Robert", AgentRole.SUPERVISOR, "hash-2", List.of("billing"));

    assertThat(second.id()).isEqualTo(first.id());
    Agent found = store().find(first.id()).orElseThrow();
    assertThat(found.name()).isEqualTo("Robert");
    assertThat(found.role()).isEqualTo(AgentRole.SUPERVISOR);
    assertThat(found.teamIds()).containsExactly("billing");
    assertThat(store().count()).isEqualTo(1);
  }

  @Test
  default void sessions_areFoundUntilTheyExpireOrAreDeleted() {
    Agent agent = store().save("carol@example.com", "Carol", AgentRole.AGENT, "hash", List.of("support"));
    Instant now = Instant.now();
    store().createSession("token-hash", agent.id(), "csrf-1", now.plus(Duration.ofHours(1)));

    AgentSession session = store().findSession("token-hash", now).orElseThrow();
    assertThat(session.agent()).isEqualTo(agent);
    assertThat(session.csrfToken()).isEqualTo("csrf-1");
    assertThat(store().findSession("token-hash", now.plus(Duration.ofHours(2)))).isEmpty();
    assertThat(store().findSession("other-hash", now)).isEmpty();

    store().deleteSession("token-hash");
    assertThat(store().findSession("token-hash", now)).isEmpty();
  }

  @Test
  default void useSession_refusesASessionIdleLongerThanTheTimeout_butKeepsOneInUseAlive() {
    Agent agent = store().save("dan@example.com", "Dan", AgentRole.AGENT, "hash", List.of("support"));
    Instant created = Instant.now();
    store().createSession("idle-hash", agent.id(), "csrf-2", created.plus(Duration.ofHours(12)));
    Duration idle = Duration.ofMinutes(30);

    assertThat(store().useSession("idle-hash", created.plus(Duration.ofMinutes(20)), idle)).isPresent();
    assertThat(store().useSession("idle-hash", created.plus(Duration.ofMinutes(45)), idle)).as("25 minutes after its last use").isPresent();
    assertThat(store().useSession("idle-hash", created.plus(Duration.ofMinutes(80)), idle)).as("35 minutes idle").isEmpty();
    assertThat(store().findSession("idle-hash", created.plus(Duration.ofMinutes(80)))).as("idle, not expired").isPresent();
  }

  @Test
  default void useSession_refusesASessionPastItsAbsoluteExpiry_evenWhenInUse() {
    Agent agent = store().save("erin@example.com", "Erin", AgentRole.AGENT, "hash", List.of("support"));
    Instant created = Instant.now();
    store().createSession("absolute-hash", agent.id(), "csrf-3", created.plus(Duration.ofHours(2)));
    Duration idle = Duration.ofMinutes(30);
    for (int minutes = 20; minutes < 120; minutes += 20) {
      assertThat(store().useSession("absolute-hash", created.plus(Duration.ofMinutes(minutes)), idle)).isPresent();
    }
    assertThat(store().useSession("absolute-hash", created.plus(Duration.ofMinutes(121)), idle)).isEmpty();
  }

  @Test
  default void findByEmail_unknown_isEmpty() {
    assertThat(store().findByEmail("nobody@example.com")).isEmpty();
  }
}
