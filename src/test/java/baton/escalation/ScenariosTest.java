package baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.Demo;
import baton.knowledge.SyncStatuses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped escalation scenario (src/test/resources/scenarios) against the demo bot with the real
 * sentence model. Scenarios the bot does not pass yet live in scenarios/known-gaps, are listed in
 * docs/benchmarks.md, and are run by {@code baton eval scenarios} but not here.
 */
class ScenariosTest {
  @TempDir Path work;

  private final Clock clock = Clock.systemUTC();

  private SupportBot demoBot() {
    var brain = LiveBrain.standalone(Demo.installFiles(work.resolve("demo")), work, new SyncStatuses(clock), clock);
    return SupportBot.withStandardSignals(brain::current, clock);
  }

  @Test
  void everyShippedScenario_passesAgainstTheDemoBot() throws IOException {
    var runner = new ScenarioRunner(demoBot(), clock);
    List<Path> files = ScenarioRunner.files(Path.of("src/test/resources/scenarios"));
    assertThat(files).hasSizeGreaterThanOrEqualTo(40);

    List<ScenarioRunner.Result> results = files.stream().map(runner::run).toList();

    assertThat(results).as(ScenarioRunner.table(results)).allMatch(ScenarioRunner.Result::passed);
  }

  @Test
  void aScenarioWithAWrongExpectation_fails() throws IOException {
    SupportBot bot = demoBot();
    Path wrong = Files.writeString(work.resolve("wrong.yaml"), """
        name: a human request expected to be answered (wrong on purpose)
        turns:
          - say: can I talk to a human please
            expect: {action: answer}
        """);

    ScenarioRunner.Result result = new ScenarioRunner(bot, clock).run(wrong);

    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).singleElement().asString().contains("expected answer, got handoff");
  }
}
