package baton.escalation;

import baton.knowledge.Article;
import baton.knowledge.IntentEvaluation;
import baton.knowledge.JdbiLearnedKnowledge;
import baton.knowledge.LearnedEntry;
import baton.knowledge.LearnedKnowledge;
import baton.knowledge.LearnedState;
import baton.knowledge.LearningLoop;
import baton.knowledge.SyncStatuses;
import baton.platform.Database;
import baton.platform.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code baton replay}: does the learning loop make the bot hand off less, without teaching it wrong
 * answers? A stream of labelled questions (an intent data set's test split, shuffled with a fixed seed)
 * is put to a bot that starts knowing only some of the intents, each from a few examples. Every
 * question the bot does not answer goes to a simulated agent, who resolves it with the intent's
 * canonical answer and marks it reusable, which proposes an entry exactly as a real resolution does
 * ({@link LearningLoop#propose}). A simulated supervisor reviews the proposals every
 * {@code reviewEvery} questions:
 *
 * <ul>
 *   <li>an intent that already has an approved entry gets the new question added to that entry as one
 *       more phrasing (an edit of the approved entry), and the duplicate proposal is rejected;
 *   <li>an intent without one is approved once it has {@code approveAfter} pending proposals, their
 *       questions merged into the first (1 = approve at once);
 *   <li>the index is rebuilt once per review, after all its changes ({@link LiveBrain#learn}).
 * </ul>
 *
 * The supervisor knows each proposal's intent from its answer text (the agent's canonical answer),
 * which is how a person recognises "we have an entry for this already". Decisions are the server's:
 * the same {@link LiveBrain}, {@link SupportBot}, {@link LearningLoop} and learned-entry store (an
 * in-memory H2 database with the server's migrations). Clarifying questions are switched off (the
 * clarify bound equals the answer bound), since a simulated customer cannot pick an option; every
 * decision is therefore an answer or a handoff. An answer is right when the entry it cites was made
 * for the question's intent. Not thread-safe; one run at a time.
 */
public final class LearningReplay {

  /**
   * @param seed shuffles the intents and the questions
   * @param questions how many questions to replay (0: all of the chosen intents' test questions)
   * @param intents how many intents take part (0: all)
   * @param knownShare share of the intents the bot knows at the start
   * @param seedExamples training examples per known intent at the start
   * @param approveAfter pending proposals of one intent before the supervisor approves it (1: at once)
   * @param reviewEvery questions between two reviews
   * @param window questions per reported window
   * @param answerAbove the answer bound of the replay bot's spec
   */
  public record Settings(long seed, int questions, int intents, double knownShare, int seedExamples, int approveAfter,
      int reviewEvery, int window, double answerAbove) {
    public Settings {
      if (approveAfter < 1 || reviewEvery < 1 || window < 1 || seedExamples < 1 || knownShare < 0 || knownShare > 1) {
        throw new IllegalArgumentException("approveAfter, reviewEvery, window and seedExamples must be at least 1; knownShare 0..1");
      }
    }
  }

  /** One window of the stream. {@code entries}: approved entries at its end. */
  public record Window(int from, int to, int handedOff, int answered, int answeredRight, int entries) {
    public double handoffRate() {
      return ratio(handedOff, to - from);
    }

    public double precision() {
      return answered == 0 ? Double.NaN : ratio(answeredRight, answered);
    }
  }

  public record Report(String dataSet, Settings settings, int intentsInStream, int knownAtStart, int questions, int handedOff,
      int answered, int answeredRight, int approvals, int mergedPhrasings, double seconds, double indexSeconds, List<Window> windows) {

    public double precision() {
      return ratio(answeredRight, answered);
    }

    public String toTable() {
      var table = new StringBuilder();
      table.append(String.format(Locale.ROOT, "%s: %d questions over %d intents, %d known at the start (%d example(s) each)%n", dataSet,
          questions, intentsInStream, knownAtStart, settings.seedExamples()));
      table.append(String.format(Locale.ROOT, "seed %d; supervisor reviews every %d questions, approves a new intent after %d"
          + " handoff(s); answer bound %.2f%n", settings.seed(), settings.reviewEvery(), settings.approveAfter(), settings.answerAbove()));
      table.append("   questions  handoff rate  answered  precision  entries\n");
      for (Window window : windows) {
        table.append(String.format(Locale.ROOT, "%5d-%-5d %10.1f %% %9d %9s %8d%n", window.from() + 1, window.to(),
            100 * window.handoffRate(), window.answered(),
            window.answered() == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * window.precision()), window.entries()));
      }
      table.append(String.format(Locale.ROOT, "overall: handoff rate %.1f %%, %d answered, precision %.1f %%; %d entries approved,"
          + " %d phrasings merged into them; %.1f s (%.1f s of it rebuilding the index)%n", 100 * ratio(handedOff, questions), answered,
          100 * precision(), approvals, mergedPhrasings, seconds, indexSeconds));
      return table.toString();
    }

    /** Handoff rate and precision per window, as a small standalone SVG chart. */
    public String curveSvg() {
      var svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"460\" height=\"320\" font-family=\"sans-serif\" font-size=\"11\">\n");
      svg.append("<rect width=\"460\" height=\"320\" fill=\"white\"/>\n");
      svg.append("<text x=\"230\" y=\"16\" text-anchor=\"middle\">").append(dataSet)
          .append(": learning from handoffs (per ").append(settings.window()).append(" questions)</text>\n");
      svg.append("<line x1=\"50\" y1=\"280\" x2=\"420\" y2=\"280\" stroke=\"black\"/><line x1=\"50\" y1=\"30\" x2=\"50\" y2=\"280\" stroke=\"black\"/>\n");
      svg.append("<text x=\"235\" y=\"310\" text-anchor=\"middle\">questions seen</text>");
      svg.append("<text x=\"12\" y=\"155\" transform=\"rotate(-90 12 155)\" text-anchor=\"middle\">share</text>\n");
      int total = windows.isEmpty() ? 1 : windows.getLast().to();
      for (int tick = 0; tick <= 4; tick++) {
        int at = total * tick / 4;
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"294\" text-anchor=\"middle\">%d</text>", 50 + 370.0 * at / total, at));
        svg.append(String.format(Locale.ROOT, "<text x=\"44\" y=\"%.0f\" text-anchor=\"end\">%.2f</text>%n", 280 - 250 * tick / 4.0, tick / 4.0));
      }
      line(svg, "#d73a49", window -> window.handoffRate());
      line(svg, "#1a7f37", window -> window.precision());
      // The legend sits mid-height, between where precision (high) and the handoff rate (low) run.
      svg.append("<rect x=\"290\" y=\"126\" width=\"12\" height=\"3\" fill=\"#d73a49\"/><text x=\"306\" y=\"131\">handoff rate</text>\n");
      svg.append("<rect x=\"290\" y=\"142\" width=\"12\" height=\"3\" fill=\"#1a7f37\"/><text x=\"306\" y=\"147\">precision of answers</text>\n");
      return svg.append("</svg>\n").toString();
    }

    private void line(StringBuilder svg, String colour, java.util.function.ToDoubleFunction<Window> value) {
      int total = windows.isEmpty() ? 1 : windows.getLast().to();
      svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"");
      for (Window window : windows) {
        double y = value.applyAsDouble(window);
        if (!Double.isNaN(y)) {
          svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", 50 + 370.0 * (window.from() + window.to()) / 2 / total, 280 - 250 * y));
        }
      }
      svg.append("\"/>\n");
    }
  }

  private final Path workDir;
  private final Consumer<String> progress;

  /** @param workDir holds the replay bot's spec and the sentence model's caches */
  public LearningReplay(Path workDir, Consumer<String> progress) {
    this.workDir = workDir;
    this.progress = progress;
  }

  /** The canonical answer the simulated agent gives for an intent; the supervisor recognises intents by it. */
  static String canonicalAnswer(String intent) {
    return "Answer about " + intent.replace('_', ' ') + ".";
  }

  public Report run(IntentEvaluation.DataSet data, Settings settings) throws IOException {
    long started = System.nanoTime();
    Random random = new Random(settings.seed());
    List<String> intents = new ArrayList<>(new TreeSet<>(data.test().stream().map(IntentEvaluation.Labelled::intent).toList()));
    Collections.shuffle(intents, random);
    if (settings.intents() > 0 && settings.intents() < intents.size()) {
      intents = intents.subList(0, settings.intents());
    }
    List<String> chosen = List.copyOf(intents);
    int knownCount = (int) Math.round(settings.knownShare() * chosen.size());
    List<IntentEvaluation.Labelled> stream = new ArrayList<>(data.test().stream().filter(row -> chosen.contains(row.intent())).toList());
    Collections.shuffle(stream, random);
    if (settings.questions() > 0 && settings.questions() < stream.size()) {
      stream = stream.subList(0, settings.questions());
    }
    Map<String, String> intentOfAnswer = new HashMap<>();
    chosen.forEach(intent -> intentOfAnswer.put(canonicalAnswer(intent), intent));

    Path dir = Files.createTempDirectory(workDir, "replay");
    Files.createDirectories(dir.resolve("kb"));
    Files.writeString(dir.resolve("bot.yaml"), String.format(Locale.ROOT, """
        bot:
          name: Replay
          greeting: Hello
        knowledge:
          folders: [kb]
        answer:
          answerAbove: %s
          clarifyAbove: %s
        handoff:
          defaultTeam: support
        teams:
          - id: support
            name: Support
        """, settings.answerAbove(), settings.answerAbove()));
    Clock clock = Clock.systemUTC();
    LiveBrain brain = LiveBrain.standalone(dir.resolve("bot.yaml"), workDir, new SyncStatuses(clock), clock);
    SupportBot bot = SupportBot.withStandardSignals(brain::current, clock);
    String memory = "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    try (Database database = Database.open(new DatabaseSettings(memory, "sa", "", 2, Optional.empty()))) {
      // The loop tells the index after every change; the simulated supervisor rebuilds once per review.
      AtomicReference<List<Article>> approvedSet = new AtomicReference<>(List.of());
      var loop = new LearningLoop(new JdbiLearnedKnowledge(database.jdbi(), clock), approvedSet::set);
      UUID supervisor = UUID.randomUUID();
      Map<String, List<String>> examples = new LinkedHashMap<>();
      for (IntentEvaluation.Labelled row : data.train()) {
        examples.computeIfAbsent(row.intent(), intent -> new ArrayList<>()).add(row.text());
      }
      for (String intent : chosen.subList(0, knownCount)) {
        List<String> some = new ArrayList<>(examples.getOrDefault(intent, List.of()));
        Collections.shuffle(some, random);
        some = some.subList(0, Math.min(settings.seedExamples(), some.size()));
        if (!some.isEmpty()) {
          loop.propose(new LearnedKnowledge.Proposal(some.getFirst(), some, canonicalAnswer(intent), Optional.empty(), Optional.empty(),
              Optional.empty())).ifPresent(entry -> loop.approve(entry.id(), supervisor));
        }
      }
      brain.learn(approvedSet.get());
      progress.accept(String.format(Locale.ROOT, "%d intents, %d known at the start; replaying %d questions…", chosen.size(), knownCount,
          stream.size()));

      var supervision = new Supervision(loop, intentOfAnswer, settings.approveAfter(), supervisor);
      List<Window> windows = new ArrayList<>();
      int handedOff = 0, answered = 0, answeredRight = 0;
      long indexNanos = 0;
      int windowStart = 0, windowHandedOff = 0, windowAnswered = 0, windowRight = 0;
      Map<String, String> intentOfUrl = supervision.intentOfUrl();
      for (int i = 0; i < stream.size(); i++) {
        IntentEvaluation.Labelled row = stream.get(i);
        Decision decision = bot.respond(TurnContext.firstTurn(row.text()));
        if (decision instanceof Decision.Answer answer && !answer.sources().isEmpty()) {
          boolean right = row.intent().equals(intentOfUrl.get(answer.sources().getFirst().url()));
          answered++;
          windowAnswered++;
          answeredRight += right ? 1 : 0;
          windowRight += right ? 1 : 0;
        } else {
          // The simulated agent resolves with the intent's answer and marks it reusable.
          handedOff++;
          windowHandedOff++;
          loop.propose(new LearnedKnowledge.Proposal(row.text(), List.of(), canonicalAnswer(row.intent()),
              Optional.of(UUID.randomUUID()), Optional.empty(), Optional.empty()));
        }
        if ((i + 1) % settings.reviewEvery() == 0 && supervision.review()) {
          long rebuild = System.nanoTime();
          brain.learn(approvedSet.get());
          indexNanos += System.nanoTime() - rebuild;
          intentOfUrl = supervision.intentOfUrl();
        }
        if ((i + 1) % settings.window() == 0 || i + 1 == stream.size()) {
          windows.add(new Window(windowStart, i + 1, windowHandedOff, windowAnswered, windowRight, supervision.approvals()));
          progress.accept(String.format(Locale.ROOT, "%d questions: handoff rate %.1f %% in the last window", i + 1,
              100 * windows.getLast().handoffRate()));
          windowStart = i + 1;
          windowHandedOff = windowAnswered = windowRight = 0;
        }
      }
      return new Report(data.name(), settings, chosen.size(), knownCount, stream.size(), handedOff, answered, answeredRight,
          supervision.approvals() - knownCount, supervision.merged, (System.nanoTime() - started) / 1e9, indexNanos / 1e9, windows);
    }
  }

  /** The simulated supervisor's review policy (see the class comment). */
  private static final class Supervision {
    private final LearningLoop loop;
    private final Map<String, String> intentOfAnswer;
    private final int approveAfter;
    private final UUID supervisor;
    int merged;

    Supervision(LearningLoop loop, Map<String, String> intentOfAnswer, int approveAfter, UUID supervisor) {
      this.loop = loop;
      this.intentOfAnswer = intentOfAnswer;
      this.approveAfter = approveAfter;
      this.supervisor = supervisor;
    }

    int approvals() {
      return loop.list(Optional.of(LearnedState.APPROVED)).size();
    }

    Map<String, String> intentOfUrl() {
      Map<String, String> out = new HashMap<>();
      for (LearnedEntry entry : loop.list(Optional.of(LearnedState.APPROVED))) {
        out.put(entry.url().orElseThrow(), intentOfAnswer.get(entry.answer()));
      }
      return out;
    }

    /** Reviews every pending proposal; true when the approved set changed. */
    boolean review() {
      Map<String, LearnedEntry> approvedByIntent = new HashMap<>();
      for (LearnedEntry entry : loop.list(Optional.of(LearnedState.APPROVED))) {
        approvedByIntent.put(intentOfAnswer.get(entry.answer()), entry);
      }
      Map<String, List<LearnedEntry>> pending = new LinkedHashMap<>();
      for (LearnedEntry entry : loop.list(Optional.of(LearnedState.PROPOSED))) {
        pending.computeIfAbsent(intentOfAnswer.get(entry.answer()), intent -> new ArrayList<>()).add(entry);
      }
      boolean changed = false;
      for (Map.Entry<String, List<LearnedEntry>> intent : pending.entrySet()) {
        List<LearnedEntry> proposals = intent.getValue();
        LearnedEntry target = approvedByIntent.get(intent.getKey());
        if (target == null && proposals.size() < approveAfter) {
          continue;
        }
        List<LearnedEntry> toMerge = proposals;
        if (target == null) {
          target = proposals.getFirst();
          toMerge = proposals.subList(1, proposals.size());
        }
        List<String> phrasings = new ArrayList<>(target.phrasings());
        for (LearnedEntry proposal : toMerge) {
          if (phrasings.size() < 50) {
            phrasings.add(proposal.question());
            merged++;
          }
          loop.reject(proposal.id(), supervisor);
        }
        if (!toMerge.isEmpty()) {
          loop.edit(target.id(), target.question(), phrasings, target.answer());
        }
        if (target.state() == LearnedState.PROPOSED) {
          loop.approve(target.id(), supervisor);
        }
        changed = true;
      }
      return changed;
    }
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : part / (double) whole;
  }
}
