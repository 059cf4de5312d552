package baton.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketStatusTest {
  private static final Instant OPENED = Instant.parse("2026-11-28T19:00:00Z");

  private static Optional<Instant> at(int secondsAfterOpening) {
    return Optional.of(OPENED.plusSeconds(secondsAfterOpening));
  }

  @Test
  void derive_withNothingAfterTheHandoff_isOpen_evenIfTheCustomerWroteBefore() {
    assertThat(TicketStatus.derive(OPENED, Optional.empty(), at(-5), Optional.empty(), Optional.empty(), Optional.empty()))
        .isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void derive_teamRepliedLast_isPending_customerAfterThat_isOpen() {
    assertThat(TicketStatus.derive(OPENED, Optional.empty(), at(-5), at(10), Optional.empty(), Optional.empty()))
        .isEqualTo(TicketStatus.PENDING);
    assertThat(TicketStatus.derive(OPENED, Optional.empty(), at(20), at(10), Optional.empty(), Optional.empty()))
        .isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void derive_aMarkNewerThanEveryMessage_decides() {
    assertThat(TicketStatus.derive(OPENED, Optional.empty(), at(20), at(10), Optional.of(TicketStatus.PENDING), at(30)))
        .isEqualTo(TicketStatus.PENDING);
    assertThat(TicketStatus.derive(OPENED, Optional.empty(), at(-5), at(10), Optional.of(TicketStatus.OPEN), at(30)))
        .isEqualTo(TicketStatus.OPEN);
    assertThat(TicketStatus.derive(OPENED, Optional.empty(), at(-5), at(40), Optional.of(TicketStatus.OPEN), at(30)))
        .as("a team reply after an open mark").isEqualTo(TicketStatus.PENDING);
  }

  @Test
  void derive_solved_winsOverEverything() {
    assertThat(TicketStatus.derive(OPENED, at(50), at(60), at(10), Optional.of(TicketStatus.OPEN), at(70)))
        .isEqualTo(TicketStatus.SOLVED);
  }

  @Test
  void fromWire_knowsTheThreeNamesOnly() {
    assertThat(TicketStatus.fromWire("pending")).contains(TicketStatus.PENDING);
    assertThat(TicketStatus.fromWire("PENDING")).isEmpty();
    assertThat(TicketStatus.fromWire("closed")).isEmpty();
  }
}
