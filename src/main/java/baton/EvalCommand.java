package baton;

import baton.knowledge.IntentEvaluation;
import baton.knowledge.MiniLmEmbedder;
import baton.platform.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton eval …}: measure the bot's brain on public data sets, offline. */
@Command(name = "eval", description = "Measure the bot on public evaluation data.",
    subcommands = {EvalCommand.Intents.class, EvalCommand.Sentiment.class, EvalCommand.Scenarios.class}, mixinStandardHelpOptions = true)
final class EvalCommand {

  @Command(name = "intents", mixinStandardHelpOptions = true,
      description = "Build a bot from an intent data set's training split, fit the confidence bound on its validation"
          + " split, and report accuracy, out-of-scope recall, coverage, precision and latency on its test split.")
  static final class Intents implements Callable<Integer> {
    @Option(names = "--format", required = true, description = "clinc150 (data_full.json) or banking77 (folder with train.csv, test.csv).")
    String format;

    @CommandLine.Parameters(paramLabel = "PATH", description = "The data file (clinc150) or folder (banking77).")
    Path path;

    @Option(names = "--target-precision", defaultValue = "0.97", description = "Precision the answer bound is fitted for (default ${DEFAULT-VALUE}).")
    double targetPrecision;

    @Option(names = "--negatives", description = "Train an out-of-scope topic on the data set's out-of-scope training"
        + " questions (CLINC150's oos_train); choosing it hands off.")
    boolean negatives;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also write the coverage–precision curve as an SVG chart.")
    Path svg;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
      IntentEvaluation.Format parsed;
      try {
        parsed = IntentEvaluation.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        command.commandLine().getErr().println("unknown --format " + format + "; use clinc150 or banking77");
        return 2;
      }
      IntentEvaluation.DataSet data;
      try {
        data = IntentEvaluation.read(parsed, path);
      } catch (IOException e) {
        command.commandLine().getErr().println("cannot read " + path + ": " + e.getMessage());
        return 2;
      }
      Path work = Files.createTempDirectory("baton-eval");
      var evaluation = new IntentEvaluation(MiniLmEmbedder.shared(work), line -> command.commandLine().getErr().println(line));
      var report = evaluation.run(data, targetPrecision, negatives);
      if (json) {
        command.commandLine().getOut().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      } else {
        command.commandLine().getOut().print(report.toTable());
      }
      command.commandLine().getOut().flush();
      if (svg != null) {
        Files.writeString(svg, report.curveSvg());
      }
      return 0;
    }
  }

  @Command(name = "sentiment", mixinStandardHelpOptions = true,
      description = "Score the sentiment rules on VADER's human-rated sentences (three-class F1, negative precision/recall,"
          + " correlation) and the frustration levels on Baton's hand-labelled support messages.")
  static final class Sentiment implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", arity = "0..1",
        description = "Folder of VADER's *_GroundTruth.txt files; without it only the support sets are scored.")
    Path directory;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
      var scorer = baton.signals.SentimentScorer.withVaderLexicon();
      var evaluation = new baton.signals.SentimentEvaluation(scorer, new baton.signals.FrustrationDetector(scorer));
      if (directory != null && !Files.isDirectory(directory)) {
        command.commandLine().getErr().println(directory + " is not a folder of *_GroundTruth.txt files");
        return 2;
      }
      var report = directory == null
          ? new baton.signals.Report(java.util.List.of(), evaluation.evaluateSupportSets())
          : evaluation.evaluate(directory);
      command.commandLine().getOut().print(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
          : report.toTable());
      command.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "scenarios", mixinStandardHelpOptions = true,
      description = "Run multi-turn escalation scenarios (YAML: customer turns in, expected decisions out) against a bot spec"
          + " and print a pass table. Exit 0 when all pass, 1 when any fails.")
  static final class Scenarios implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "Folder of scenario .yaml files.")
    Path directory;

    @Option(names = "--spec", paramLabel = "FILE", description = "The bot spec to run them against (default: the demo bot).")
    Path spec;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(directory)) {
        command.commandLine().getErr().println(directory + " is not a folder of scenario files");
        return 2;
      }
      Path work = Files.createTempDirectory("baton-scenarios");
      Path specFile = spec != null ? spec : Demo.installFiles(work.resolve("demo"));
      java.time.Clock clock = java.time.Clock.systemUTC();
      baton.escalation.LiveBrain brain;
      try {
        brain = baton.escalation.LiveBrain.standalone(specFile, work, new baton.knowledge.SyncStatuses(clock), clock);
      } catch (baton.spec.SpecException e) {
        e.problems().forEach(command.commandLine().getErr()::println);
        return 2;
      }
      var bot = baton.escalation.SupportBot.withStandardSignals(brain::current, clock);
      var runner = new baton.escalation.ScenarioRunner(bot, clock);
      java.util.List<baton.escalation.ScenarioRunner.Result> results = new java.util.ArrayList<>();
      for (Path file : baton.escalation.ScenarioRunner.files(directory)) {
        results.add(runner.run(file));
      }
      command.commandLine().getOut().print(baton.escalation.ScenarioRunner.table(results));
      command.commandLine().getOut().flush();
      return results.stream().allMatch(baton.escalation.ScenarioRunner.Result::passed) ? 0 : 1;
    }
  }
}
