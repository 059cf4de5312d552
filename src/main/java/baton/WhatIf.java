package baton;

import baton.escalation.HandleMinutes;
import baton.escalation.LiveBrain;
import baton.escalation.RecordedConversation;
import baton.escalation.SupportBot;
import baton.escalation.WhatIfComparison;
import baton.escalation.WhatIfReplay;
import baton.knowledge.SyncStatuses;
import baton.platform.Json;
import baton.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The what-if mode of {@code baton replay}: checks its inputs, builds one bot per spec exactly as the
 * server builds its bot (spec, knowledge folders, FAQ files, standard signals), replays the export
 * through both and prints the comparison. Exit 0 when it printed one, 2 on any unusable input, with
 * the file and line. Not thread-safe; run once.
 */
record WhatIf(Path conversations, Path currentSpec, Path newSpec, double handleMinutes, Map<String, Double> tierMinutes, Path report,
    boolean json) {
  static final int UNUSABLE = 2;

  int run(PrintWriter out, PrintWriter err) throws IOException {
    try {
      List<String> missing = new ArrayList<>();
      if (conversations == null) {
        missing.add("--conversations FILE");
      }
      if (currentSpec == null) {
        missing.add("--current-spec FILE");
      }
      if (newSpec == null) {
        missing.add("--spec FILE");
      }
      if (!missing.isEmpty()) {
        err.println("the what-if replay needs " + String.join(", ", missing));
        return UNUSABLE;
      }
      for (Path file : List.of(conversations, currentSpec, newSpec)) {
        if (!Files.isRegularFile(file)) {
          err.println(file + ": no such file");
          return UNUSABLE;
        }
      }
      List<RecordedConversation> recorded;
      try {
        recorded = RecordedConversation.read(conversations);
      } catch (RecordedConversation.MalformedLine e) {
        err.println(e.getMessage());
        return UNUSABLE;
      }
      HandleMinutes minutes;
      try {
        minutes = HandleMinutes.of(recorded, handleMinutes, tierMinutes);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return UNUSABLE;
      }
      Clock clock = Clock.systemUTC();
      WhatIfReplay.Tally current;
      WhatIfReplay.Tally proposed;
      try {
        // Both specs are loaded before anything is replayed, so a broken new spec fails fast.
        // One folder for both: the sentence model is loaded once per JVM and keeps its native caches there.
        Path work = Files.createTempDirectory("baton-whatif");
        SupportBot currentBot = bot(currentSpec, work, clock);
        SupportBot newBot = bot(newSpec, work, clock);
        current = new WhatIfReplay(currentBot, clock).run(recorded);
        proposed = new WhatIfReplay(newBot, clock).run(recorded);
      } catch (SpecException e) {
        e.problems().forEach(err::println);
        return UNUSABLE;
      }
      var comparison = new WhatIfComparison(currentSpec.toString(), newSpec.toString(), current, proposed, minutes);
      // Ordered, so reports of two runs diff cleanly.
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("currentSpec", comparison.currentSpec());
      document.put("newSpec", comparison.newSpec());
      document.put("current", current);
      document.put("new", proposed);
      document.put("rows", comparison.rows());
      document.put("handleMinutes", comparison.minutesUsed());
      String asJson = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
      out.print(json ? asJson + "\n" : comparison.toTable());
      if (report != null) {
        Files.writeString(report, asJson + "\n");
      }
      return 0;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static SupportBot bot(Path spec, Path work, Clock clock) {
    LiveBrain brain = LiveBrain.standalone(spec, work, new SyncStatuses(clock), clock);
    return SupportBot.withStandardSignals(brain::current, clock);
  }
}
