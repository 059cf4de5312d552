package baton.scratch;

import baton.Demo;
import baton.escalation.LiveBrain;
import baton.escalation.SupportBot;
import baton.escalation.Decision;
import baton.knowledge.*;
import java.nio.file.*;
import java.time.Clock;
import java.util.*;
import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void probe() throws Exception {
    Path work = Files.createTempDirectory("probe");
    Path spec = Demo.installFiles(work.resolve("demo"));
    Clock clock = Clock.systemUTC();
    LiveBrain brain = LiveBrain.standalone(spec, work, new SyncStatuses(clock), clock);
    SupportBot bot = SupportBot.withStandardSignals(brain::current, clock);
    String[][] pairs = {
      {"Can I bring my dog into the store?", "are pets allowed inside your shops?", "Yes, well-behaved dogs on a lead are welcome in every Kestrel store."},
      {"Do you have a loyalty programme where I collect points?", "can I earn reward points when I shop with you?", "Kestrel Club members earn one point per dollar."},
      {"Do you service bikes?", "can you fix my bicycle gears?", "We do not service bikes."},
      {"Can I book a guided hike with your staff?", "do you organise group walks with a guide?", "Our Boulder store runs guided hikes every Saturday."},
      {"Do you sell camping stoves fuel canisters?", "can I buy gas cartridges for my stove from you?", "Fuel canisters are sold in store only."},
    };
    List<Article> learned = new ArrayList<>();
    for (String[] p : pairs) {
      Decision before = bot.respond(p[0]);
      Decision beforeOther = bot.respond(p[1]);
      System.out.println("BEFORE " + p[0] + " -> " + describe(before) + " | " + p[1] + " -> " + describe(beforeOther));
    }
    int i = 0;
    for (String[] p : pairs) {
      String slug = "e" + (i++);
      var passage = new Passage(p[0], p[0], p[2], "/kb/learned/" + slug, List.of());
      learned.add(new Article("learned/" + slug, p[0], "# " + p[0], List.of(passage)));
    }
    brain.learn(learned);
    for (String[] p : pairs) {
      System.out.println("AFTER " + p[1] + " -> " + describe(bot.respond(p[1])));
    }
  }

  static String describe(Decision d) {
    return d.getClass().getSimpleName() + " p=" + d.record().probability() + " " + d.evidence().candidates().stream().limit(2).map(c -> c.toString()).toList();
  }
}
