package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  private static final CustomerPseudonyms PSEUDONYMS = CustomerPseudonyms.withSecret("a server secret of at least 32 bytes, really");

  @Test
  void of_writesDetailsAsCompactJsonWithSortedKeys() {
    assertThat(AuditEvent.of("bot", "decision", "conversation:1", Map.of("rule", "r1", "action", "answer")).details())
        .isEqualTo("{\"action\":\"answer\",\"rule\":\"r1\"}");
  }

  @Test
  void customerActor_withoutPseudonym_isRefused() {
    assertThatThrownBy(() -> AuditEvent.of("customer:ada@example.com", "erasure", "conversation:1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pseudonym");
    assertThatThrownBy(() -> AuditEvent.of("system", "erasure", "customer:" + UUID.randomUUID()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void customerActor_withPseudonym_isAccepted() {
    String actor = PSEUDONYMS.actorFor(UUID.randomUUID());

    assertThat(AuditEvent.of(actor, "handoff", "conversation:1").actor()).isEqualTo(actor);
  }

  @Test
  void detailsThatAreNotAJsonObject_areRefused() {
    assertThatThrownBy(() -> new AuditEvent("bot", "decision", "conversation:1", "[1,2]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditEvent("bot", "decision", "conversation:1", "{oops")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void actionOtherThanALowerCaseWord_isRefused() {
    assertThatThrownBy(() -> AuditEvent.of("bot", "Hand Off", "conversation:1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void actorWithALineBreak_isRefused() {
    assertThatThrownBy(() -> AuditEvent.of("agent:a\nb", "claim", "conversation:1")).isInstanceOf(IllegalArgumentException.class);
  }
}
