package baton.escalation;

import baton.Demo;
import baton.knowledge.SyncStatuses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the signals and rules cost on top of retrieval: the demo bot deciding the seventh turn of a
 * conversation (six earlier customer turns to compare for repeats, frustration, keywords, topics,
 * sensitive data, the demo's seven rules) against retrieval and calibration alone for the same text.
 * Run with bench/signals.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SignalsBenchmark {
  private static final List<String> TURNS = List.of(
      "hi, my order KO-48213 is late", "how long does standard shipping take", "which payment methods do you accept",
      "can I pay with paypal", "how do I start a return", "when will I get my refund");
  private static final List<String> QUESTIONS = List.of(
      "my parcel has not arrived and tracking shows nothing", "This is the THIRD time I ask, your bot is useless!!!",
      "can I return boots I wore outside", "I was charged twice for my order", "my card number is 4111 1111 1111 1111",
      "I will talk to my lawyer about this", "what time does the store open", "the reset email never arrived");

  LiveBrain brain;
  SupportBot bot;
  List<TurnContext> contexts;
  int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path work = Files.createTempDirectory("baton-bench");
    Clock clock = Clock.systemUTC();
    brain = LiveBrain.standalone(Demo.installFiles(work.resolve("demo")), work, new SyncStatuses(clock), clock);
    bot = SupportBot.withStandardSignals(brain::current, clock);
    List<TurnContext.Line> lines = new ArrayList<>();
    long seq = 1;
    for (String turn : TURNS) {
      lines.add(new TurnContext.Line(++seq, "customer", "Ada", turn, Instant.now(), List.of()));
      lines.add(new TurnContext.Line(++seq, "bot", "Sam", "An answer.", Instant.now(), List.of()));
    }
    contexts = new ArrayList<>();
    for (String question : QUESTIONS) {
      contexts.add(new TurnContext("bench", "web", TurnContext.Customer.UNKNOWN, seq + 1, question, lines, List.of()));
    }
  }

  /** Each call gets a text never seen before, so no cache spares the embedding: "… (order 1234)". */
  private String freshQuestion() {
    int n = next++;
    return QUESTIONS.get(n % QUESTIONS.size()) + " (order " + n + ")";
  }

  @Benchmark
  public double retrievalAndCalibrationOnly() {
    LiveBrain.Brain now = brain.current();
    return now.policy().confidence().probability(now.knowledge().retrieve(freshQuestion(), 5));
  }

  @Benchmark
  public Decision fullTurnWithSignalsAndRules() {
    TurnContext context = contexts.get(next % contexts.size());
    return bot.respond(new TurnContext(context.conversationId(), context.channel(), context.customer(), context.seq(), freshQuestion(),
        context.transcript(), context.decisions()));
  }
}
