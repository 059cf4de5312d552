package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pins the canonical form: the worked example in docs/audit-log.md must keep hashing to this. */
class ChainHashTest {
  @Test
  void of_documentedExample_hashesAsDocumented() {
    String hash = ChainHash.of(1, Instant.parse("2025-03-01T09:00:00.123456Z"), "bot", "handoff",
        "conversation:6f1c2f8e-8a1b-4c2d-9e3f-0a1b2c3d4e5f", "{\"reason\":\"human_request\",\"team\":\"billing\"}", ChainHash.GENESIS);

    assertThat(hash).isEqualTo("6d365a2f29fbd65f08003bcdb06c569cd44295b128b94b87ff52f705fcfc8c66");
  }

  @Test
  void time_alwaysHasSixFractionDigits() {
    assertThat(ChainHash.time(Instant.parse("2025-03-01T09:00:00Z"))).isEqualTo("2025-03-01T09:00:00.000000Z");
  }

  @Test
  void time_finerThanMicroseconds_isRefused() {
    assertThatThrownBy(() -> ChainHash.time(Instant.parse("2025-03-01T09:00:00.000000001Z"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_movingBytesBetweenNeighbouringFields_changesTheHash() {
    Instant at = Instant.parse("2025-03-01T09:00:00Z");

    assertThat(ChainHash.of(1, at, "agent:a", "claim", "x", "{}", ChainHash.GENESIS))
        .isNotEqualTo(ChainHash.of(1, at, "agent:", "aclaim", "x", "{}", ChainHash.GENESIS));
  }
}
