package baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import baton.platform.OnH2;
import baton.routing.JdbiTeamStore;
import baton.spec.BotSpecLoader;
import baton.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveBrainTest extends OnH2 {
  @TempDir Path dir;

  private static final String SPEC = """
      bot:
        name: Sam
        greeting: Hello
      knowledge:
        folders: [kb]
      handoff:
        defaultTeam: support
      teams:
        - id: support
          name: Support
      """;

  private LiveBrain load() throws IOException {
    Files.createDirectories(dir.resolve("kb"));
    Files.writeString(dir.resolve("kb/shipping.md"), "# Shipping\n## Standard shipping\nStandard shipping takes 3 days.\n");
    Files.writeString(dir.resolve("bot.yaml"), SPEC);
    return LiveBrain.load(dir.resolve("bot.yaml"), new BotSpecLoader(), new JdbiTeamStore(database().jdbi(), Clock.systemUTC()), baton.knowledge.WordHashEmbedder.cache());
  }

  @Test
  void reload_withABrokenSpec_keepsTheLastGoodOneAndReportsWhy() throws IOException {
    LiveBrain brain = load();

    Files.writeString(dir.resolve("bot.yaml"), SPEC.replace("  greeting: Hello", "  greeting: Hello\n  colour: blue"));

    assertThat(brain.reload()).isFalse();
    assertThat(brain.spec().greeting()).isEqualTo("Hello");
    assertThat(brain.lastProblems()).singleElement().asString().contains("bot.yaml:4:").contains("unknown key 'colour'");
  }

  @Test
  void reload_withAGoodChange_appliesSpecAndKnowledgeTogether() throws IOException {
    LiveBrain brain = load();
    LiveBrain.Brain before = brain.current();

    Files.writeString(dir.resolve("bot.yaml"), SPEC.replace("greeting: Hello", "greeting: Welcome back")
        .replace("    name: Support", "    name: Support\n  - id: billing\n    name: Billing"));
    Files.writeString(dir.resolve("kb/returns.md"), "# Returns\n## Return window\nReturn items within 30 days.\n");

    assertThat(brain.reload()).isTrue();
    assertThat(brain.spec().greeting()).isEqualTo("Welcome back");
    assertThat(brain.knowledge().search("return window days", 1).getFirst().passage().articleTitle()).isEqualTo("Returns");
    assertThat(new JdbiTeamStore(database().jdbi(), Clock.systemUTC()).find("billing")).isPresent();
    assertThat(before.knowledge().search("return window", 1)).as("the old pair is untouched").isEmpty();
    assertThat(brain.lastProblems()).isEmpty();
  }

  @Test
  void load_withABrokenSpec_refusesToStart() throws IOException {
    Files.writeString(dir.resolve("bot.yaml"), "bot: [");
    assertThatThrownBy(() -> LiveBrain.load(dir.resolve("bot.yaml"), new BotSpecLoader(),
        new JdbiTeamStore(database().jdbi(), Clock.systemUTC()), baton.knowledge.WordHashEmbedder.cache())).isInstanceOf(SpecException.class);
  }
}
