package baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import baton.knowledge.IntentEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The learning loop on a slice of Banking77 (../shared/datasets; skipped when absent, unless
 * BATON_REQUIRE_SERVICES=1): as the simulated supervisor approves what agents answered, the bot hands
 * off less, and what it answers is still answered from the right intent's entry.
 */
class LearningReplayTest {
  private static final Path BANKING77 = Path.of("../shared/datasets/banking77");

  @Test
  void replay_handsOffLessAsEntriesAreApproved_andKeepsItsAnswersRight() throws Exception {
    boolean present = Files.isRegularFile(BANKING77.resolve("test.csv"));
    if ("1".equals(System.getenv("BATON_REQUIRE_SERVICES"))) {
      assertThat(present).as("Banking77 is required (BATON_REQUIRE_SERVICES=1) at " + BANKING77.toAbsolutePath()).isTrue();
    }
    assumeTrue(present, "Banking77 not found at " + BANKING77.toAbsolutePath());
    var data = IntentEvaluation.read(IntentEvaluation.Format.BANKING77, BANKING77);
    var settings = new LearningReplay.Settings(7, 600, 20, 0.5, 1, 1, 50, 200, 0.5);

    var report = new LearningReplay(Files.createTempDirectory("replay-test"), line -> { }).run(data, settings);
    System.out.print(report.toTable());

    assertThat(report.questions()).isEqualTo(600);
    assertThat(report.windows()).hasSize(3);
    double first = report.windows().getFirst().handoffRate();
    double last = report.windows().getLast().handoffRate();
    assertThat(last).as("handoff rate of the last window vs the first").isLessThan(first - 0.15);
    assertThat(report.precision()).as("precision of the bot's answers").isGreaterThanOrEqualTo(0.85);
    assertThat(report.approvals()).isGreaterThanOrEqualTo(8);
  }
}
