package baton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotSpecLoaderTest {
  @TempDir Path dir;
  private final BotSpecLoader loader = new BotSpecLoader();

  private Path spec(String yaml) throws IOException {
    Files.createDirectories(dir.resolve("kb"));
    return Files.writeString(dir.resolve("bot.yaml"), yaml);
  }

  private static final String VALID = """
      bot:
        name: Sam
        greeting: Hello
      knowledge:
        folders: [kb]
      answer:
        answerAbove: 0.8
        clarifyAbove: 0.5
      handoff:
        defaultTeam: support
      teams:
        - id: support
          name: Support
          typicalReplyMinutes: 7
      """;

  @Test
  void load_validSpec_resolvesFoldersAndDefaults() throws IOException {
    BotSpec spec = loader.load(spec(VALID));

    assertThat(spec.botName()).isEqualTo("Sam");
    assertThat(spec.confidence().answerAbove()).isEqualTo(0.8);
    assertThat(spec.confidence().clarifyAbove()).isEqualTo(0.5);
    assertThat(spec.knowledgeFolders()).containsExactly(dir.resolve("kb").toAbsolutePath());
    assertThat(spec.team("support").typicalReplyMinutes()).isEqualTo(7);
    assertThat(spec.handoffMessage()).contains("{team}").contains("{minutes}");
  }

  @Test
  void load_withoutRetention_keepsDataForTheDocumentedDefaults() throws IOException {
    BotSpec.Retention retention = loader.load(spec(VALID)).retention();

    assertThat(retention.transcripts()).contains(java.time.Duration.ofDays(365));
    assertThat(retention.packets()).contains(java.time.Duration.ofDays(365));
    assertThat(retention.decisions()).contains(java.time.Duration.ofDays(365));
    assertThat(retention.webhookDeliveries()).contains(java.time.Duration.ofDays(30));
    assertThat(retention.audit()).contains(java.time.Duration.ofDays(2555));
  }

  @Test
  void load_retention_takesDaysHoursAndForeverAndDefaultsTheRest() throws IOException {
    BotSpec.Retention retention = loader.load(spec(VALID + "retention:\n  transcripts: 90d\n  webhookDeliveries: 12h\n  audit: forever\n"))
        .retention();

    assertThat(retention.transcripts()).contains(java.time.Duration.ofDays(90));
    assertThat(retention.webhookDeliveries()).contains(java.time.Duration.ofHours(12));
    assertThat(retention.audit()).isEmpty();
    assertThat(retention.decisions()).contains(java.time.Duration.ofDays(365));
  }

  @Test
  void load_unknownKey_reportsFileLineAndColumn() throws IOException {
    Path file = spec(VALID.replace("  greeting: Hello", "  greeting: Hello\n  tone: friendly"));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith(file + ":4:")
        .hasMessageContaining("unknown key 'tone'");
  }

  @Test
  void load_wrongType_reportsLine() throws IOException {
    Path file = spec(VALID.replace("answerAbove: 0.8", "answerAbove: high"));

    assertThatThrownBy(() -> loader.load(file)).isInstanceOf(SpecException.class).hasMessageStartingWith(file + ":7:");
  }

  @Test
  void load_unknownDefaultTeamAndMissingFolder_reportsEveryProblem() throws IOException {
    Path file = spec(VALID.replace("defaultTeam: support", "defaultTeam: sales").replace("[kb]", "[missing]"));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("defaultTeam 'sales'")
        .hasMessageContaining("knowledge folder 'missing'");
  }

  @Test
  void load_scoreOutOfRangeOrEmptyFile_isRejected() throws IOException {
    assertThatThrownBy(() -> loader.load(spec(VALID.replace("answerAbove: 0.8", "answerAbove: 1.5"))))
        .hasMessageContaining("answer.answerAbove");
    assertThatThrownBy(() -> loader.load(spec(""))).hasMessageContaining("empty");
  }

  @Test
  void load_missingFile_isAClearError() {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"))).isInstanceOf(SpecException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void load_withoutSafety_guardsEverySecretAndStopsToTheFirstUrgentTier() throws IOException {
    BotSpec spec = loader.load(spec(VALID));

    assertThat(spec.safety().neverAsk()).isEqualTo(baton.compliance.AskedSecret.ALL);
    assertThat(spec.safety().blockedTier()).isEqualTo(spec.escalation().tiers().getFirst().id());
    assertThat(spec.safety().blockedMessage()).isEqualTo(BotSpec.Safety.DEFAULT_BLOCKED_MESSAGE);
    assertThat(spec.safety().customPatterns()).isEmpty();
  }

  @Test
  void load_demoSpec_readsItsSafetySection() {
    BotSpec spec = loader.load(Path.of("src/main/resources/demo/bot.yaml"));

    assertThat(spec.safety().neverAsk()).contains(baton.compliance.AskedSecret.PASSWORD, baton.compliance.AskedSecret.ONE_TIME_CODE);
    assertThat(spec.safety().blockedTier()).isEqualTo("urgent");
    assertThat(spec.safety().customPatterns()).singleElement().satisfies(pattern -> {
      assertThat(pattern.name()).isEqualTo("kestrel_club_card");
      assertThat(pattern.mask()).isEqualTo("[Kestrel Club card]");
      assertThat(pattern.keywords()).containsExactly("kc");
    });
  }
}
