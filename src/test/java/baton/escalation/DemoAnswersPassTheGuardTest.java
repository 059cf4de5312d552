package baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.Demo;
import baton.compliance.GuardVerdict;
import baton.knowledge.Passage;
import baton.knowledge.SyncStatuses;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every passage the demo bot can quote, checked as the bot checks an answer (with the real sentence
 * model deciding whether its meaning is a no-go topic's): none may be stopped, or the demo would hand
 * off questions it answers well today.
 */
class DemoAnswersPassTheGuardTest {
  @TempDir Path work;

  @Test
  void everyDemoPassage_passesTheOutputGuardWithNoGoTopics() {
    Clock clock = Clock.systemUTC();
    LiveBrain live = LiveBrain.standalone(Demo.installFiles(work.resolve("demo")), work, new SyncStatuses(clock), clock);
    LiveBrain.Brain brain = live.current();
    var reader = new SignalReader(null, null, null);
    List<String> stopped = new ArrayList<>();
    int checked = 0;
    for (var article : brain.knowledge().articles()) {
      for (Passage passage : article.passages()) {
        checked++;
        GuardVerdict verdict = brain.guard().check(passage.text(), text -> reader.noGoTopicOf(text, List.of(passage.url()), brain));
        if (verdict instanceof GuardVerdict.Blocked blocked) {
          stopped.add(passage.url() + " " + blocked.rule());
        }
      }
    }
    System.out.println("demo passages checked by the output guard: " + checked);
    assertThat(checked).isGreaterThan(30);
    assertThat(stopped).isEmpty();
  }
}
