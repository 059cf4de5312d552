package baton;

import baton.escalation.LiveBrain;
import baton.knowledge.SourceStatus;
import baton.knowledge.SyncStatuses;
import baton.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code baton knowledge …}: work with a bot's knowledge sources from the terminal. */
@Command(name = "knowledge", description = "Work with the bot's knowledge sources.",
    subcommands = {KnowledgeCommand.Sync.class}, mixinStandardHelpOptions = true)
final class KnowledgeCommand {

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Read every knowledge source of a spec (folders, FAQ files, websites) with a progress bar, build the"
          + " index and fit the confidence policy, then report per source. Exit 0 when everything was read, 3 when a"
          + " source reported errors, 2 when the spec is broken.")
  static final class Sync implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "SPEC", description = "The bot spec YAML file.")
    Path spec;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = command.commandLine().getOut();
      PrintWriter err = command.commandLine().getErr();
      Clock clock = Clock.systemUTC();
      var statuses = new SyncStatuses(clock);
      Path work = Files.createTempDirectory("baton-sync");
      var bar = new ProgressBarBuilder().setTaskName("syncing").setInitialMax(1).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(200).continuousUpdate().build();
      Thread progress = Thread.ofPlatform().daemon().start(() -> follow(statuses, bar));
      LiveBrain brain;
      try {
        brain = LiveBrain.standalone(spec, work, statuses, clock);
      } catch (SpecException e) {
        progress.interrupt();
        bar.close();
        e.problems().forEach(err::println);
        return 2;
      }
      progress.interrupt();
      progress.join();
      bar.stepTo(bar.getMax());
      bar.close();
      int errors = 0;
      for (SourceStatus source : brain.sourceStatuses()) {
        out.printf(Locale.ROOT, "%-8s %-50s %5d document(s) %3d error(s)%n", source.kind(), source.sourceId(), source.documents(),
            source.errors().size());
        source.errors().forEach(error -> out.println("         ! " + error));
        errors += source.errors().size();
      }
      var policy = brain.current().policy();
      out.printf(Locale.ROOT, "index: %d article(s), %d passage(s); answer at probability >= %.2f, clarify >= %.2f%s%n",
          brain.knowledge().articles().size(), brain.knowledge().passageCount(), policy.answerAbove(), policy.clarifyAbove(),
          policy.fittedOn() > 0 ? " (fitted on " + policy.fittedOn() + " labelled questions)" : "");
      out.flush();
      return errors == 0 ? 0 : 3;
    }

    /** Moves the bar to the sources' summed progress until interrupted. */
    private static void follow(SyncStatuses statuses, ProgressBar bar) {
      while (!Thread.currentThread().isInterrupted()) {
        List<SourceStatus> all = statuses.all();
        long total = all.stream().mapToLong(status -> Math.max(status.total(), status.running() ? 1 : status.documents())).sum();
        long done = all.stream().mapToLong(status -> status.running() ? status.done() : Math.max(status.done(), status.documents())).sum();
        if (total > 0) {
          bar.maxHint(total);
          bar.stepTo(Math.min(done, total));
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
