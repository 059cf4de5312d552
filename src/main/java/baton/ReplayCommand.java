package baton;

import baton.escalation.LearningReplay;
import baton.knowledge.IntentEvaluation;
import baton.platform.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton replay}: two offline, in-process replays behind one command. With {@code --conversations}
 * it is the what-if (recorded conversations through the current and a changed spec, docs/what-if.md);
 * without, the learning-loop replay on Banking77 (docs/learning.md), as before the what-if existed.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"What-if (with --conversations): re-run exported conversations through --current-spec and --spec and print"
        + " trigger rates, handoffs per tier and expected agent-hours side by side. See docs/what-if.md.",
        "Learning loop (without --conversations): replay Banking77's test questions (shuffled with a fixed seed) to a bot that knows"
        + " only part of the intents; a simulated agent answers every handoff with the intent's answer and marks it reusable, a"
        + " simulated supervisor approves the proposals. Prints the handoff rate and the precision of the bot's answers per window."
        + " See docs/learning.md."})
final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--conversations", paramLabel = "FILE",
      description = "What-if: a `baton conversations export` file (JSON Lines) to re-run.")
  Path conversations;

  @Option(names = "--spec", paramLabel = "FILE", description = "What-if: the changed bot spec.")
  Path newSpec;

  @Option(names = "--current-spec", paramLabel = "FILE", description = "What-if: the spec the server runs now. Env: BATON_CURRENT_SPEC.")
  Path currentSpec;

  @Option(names = "--handle-minutes", defaultValue = "10",
      description = "What-if: agent minutes per handoff for tiers the export has no measured handle time for. Default: ${DEFAULT-VALUE}.")
  double handleMinutes;

  @Option(names = "--tier-minutes", paramLabel = "TIER=MINUTES",
      description = "What-if: agent minutes per handoff of this tier, over what the export measured. Repeatable.")
  java.util.Map<String, Double> tierMinutes = new java.util.LinkedHashMap<>();

  @Option(names = "--report", paramLabel = "FILE", description = "What-if: also write the comparison as JSON.")
  Path report;

  @Option(names = "--data", defaultValue = "../shared/datasets/banking77", paramLabel = "DIR",
      description = "Banking77 folder with train.csv and test.csv. Default: ${DEFAULT-VALUE}.")
  Path data;

  @Option(names = "--seed", defaultValue = "7", description = "Shuffles intents and questions. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--questions", defaultValue = "0", description = "Questions to replay; 0: all. Default: ${DEFAULT-VALUE}.")
  int questions;

  @Option(names = "--intents", defaultValue = "0", description = "Intents taking part; 0: all. Default: ${DEFAULT-VALUE}.")
  int intents;

  @Option(names = "--known-share", defaultValue = "0.5", description = "Share of the intents known at the start. Default: ${DEFAULT-VALUE}.")
  double knownShare;

  @Option(names = "--seed-examples", defaultValue = "1", description = "Training examples per known intent. Default: ${DEFAULT-VALUE}.")
  int seedExamples;

  @Option(names = "--approve-after", defaultValue = "1",
      description = "Handoffs of a new intent before the supervisor approves its entry (1: at once). Default: ${DEFAULT-VALUE}.")
  int approveAfter;

  @Option(names = "--review-every", defaultValue = "50", description = "Questions between two reviews. Default: ${DEFAULT-VALUE}.")
  int reviewEvery;

  @Option(names = "--window", defaultValue = "200", description = "Questions per reported window. Default: ${DEFAULT-VALUE}.")
  int window;

  @Option(names = "--answer-above", defaultValue = "0.5", description = "The replay bot's answer bound. Default: ${DEFAULT-VALUE}.")
  double answerAbove;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(names = "--svg", paramLabel = "FILE", description = "Also write the handoff-rate and precision curve as an SVG chart.")
  Path svg;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws IOException {
    if (conversations != null || newSpec != null || currentSpec != null) {
      return new WhatIf(conversations, currentSpec, newSpec, handleMinutes, tierMinutes, report, json)
          .run(command.commandLine().getOut(), command.commandLine().getErr());
    }
    IntentEvaluation.DataSet dataSet;
    try {
      dataSet = IntentEvaluation.read(IntentEvaluation.Format.BANKING77, data);
    } catch (IOException e) {
      command.commandLine().getErr().println("cannot read " + data + ": " + e.getMessage());
      return 2;
    }
    LearningReplay.Settings settings;
    try {
      settings = new LearningReplay.Settings(seed, questions, intents, knownShare, seedExamples, approveAfter, reviewEvery, window, answerAbove);
    } catch (IllegalArgumentException e) {
      command.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    Path work = Files.createTempDirectory("baton-replay");
    var report = new LearningReplay(work, line -> command.commandLine().getErr().println(line)).run(dataSet, settings);
    command.commandLine().getOut().print(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
        : report.toTable());
    command.commandLine().getOut().flush();
    if (svg != null) {
      Files.writeString(svg, report.curveSvg());
    }
    return 0;
  }
}
