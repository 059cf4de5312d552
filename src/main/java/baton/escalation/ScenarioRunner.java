package baton.escalation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs multi-turn escalation scenarios: YAML files of customer turns with the decision each must
 * produce. The bot runs in process against a spec and its knowledge, with the conversation's
 * transcript and decision log carried from turn to turn exactly as the conversation feature does.
 * {@code baton eval scenarios DIR} prints the pass table; the test suite runs the shipped set.
 *
 * <pre>
 * name: a calm but repeated question escalates
 * customer: {name: Ada, email: ada@example.com}     # optional
 * turns:
 *   - say: where is my parcel
 *     expect: {action: answer}
 *   - say: my parcel has still not come, where is it
 *     expect: {action: collect, signals: {repeat: true}}
 *   - say: KO-12345
 *     expect: {action: handoff, tier: standard, reason: repeat, packet: {orderIds: [KO-12345]}}
 * </pre>
 *
 * Every key of {@code expect} is optional; {@code action} may be "any". Not thread-safe.
 */
public final class ScenarioRunner {
  private static final YAMLMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public record Scenario(String name, Person customer, List<Step> turns) {}

  public record Person(String name, String email, String phone) {}

  public record Step(String say, Expect expect) {}

  /** What one turn must produce. */
  public record Expect(String action, String tier, String reason, String rule, Map<String, Object> signals,
      @JsonProperty("packet") PacketExpect packet, @JsonProperty("textContains") String textContains, String asks) {}

  public record PacketExpect(@JsonProperty("orderIds") List<String> orderIds, String frustration, String request,
      @JsonProperty("missing") List<String> missing) {}

  /** One scenario's outcome; {@code failures} empty when it passed. */
  public record Result(String file, String name, int turns, List<String> failures) {
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  private final SupportBot bot;
  private final Clock clock;

  public ScenarioRunner(SupportBot bot, Clock clock) {
    this.bot = bot;
    this.clock = clock;
  }

  public static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    }
  }

  public Result run(Path file) {
    Scenario scenario;
    try {
      scenario = YAML.readValue(file.toFile(), Scenario.class);
    } catch (IOException e) {
      return new Result(file.getFileName().toString(), "(unreadable)", 0, List.of("cannot read: " + e.getMessage()));
    }
    return run(file.getFileName().toString(), scenario);
  }

  public Result run(String file, Scenario scenario) {
    List<String> failures = new ArrayList<>();
    Person person = scenario.customer() == null ? new Person(null, null, null) : scenario.customer();
    var customer = new TurnContext.Customer(Optional.ofNullable(person.name()), Optional.ofNullable(person.email()),
        Optional.ofNullable(person.phone()));
    List<TurnContext.Line> transcript = new ArrayList<>();
    List<DecisionRecord> decisions = new ArrayList<>();
    long seq = 1;
    transcript.add(new TurnContext.Line(seq, "bot", bot.name(), bot.greeting(), clock.instant(), List.of()));
    for (int i = 0; i < scenario.turns().size(); i++) {
      Step step = scenario.turns().get(i);
      seq++;
      var context = new TurnContext("scenario", "web", customer, seq, step.say(), transcript, decisions);
      Decision decision = bot.respond(context);
      check(i + 1, step, decision, failures);
      Instant now = clock.instant();
      transcript.add(new TurnContext.Line(seq, "customer", person.name(), step.say(), now, List.of()));
      decisions.add(decision.record());
      seq++;
      switch (decision) {
        case Decision.Answer answer -> transcript.add(new TurnContext.Line(seq, "bot", bot.name(), answer.text(), now,
            answer.sources().stream().map(source -> new TurnContext.Cite(source.heading(), source.url())).toList()));
        case Decision.Clarify clarify -> transcript.add(new TurnContext.Line(seq, "bot", bot.name(), clarify.text(), now,
            clarify.options().stream().map(source -> new TurnContext.Cite(source.heading(), source.url())).toList()));
        case Decision.Collect collect -> transcript.add(new TurnContext.Line(seq, "bot", bot.name(), collect.question(), now, List.of()));
        case Decision.HandOff handOff -> {
          if (i + 1 < scenario.turns().size()) {
            failures.add("turn " + (i + 1) + ": handed off, but the scenario has more turns for the bot");
          }
          return new Result(file, scenario.name(), i + 1, failures);
        }
      }
    }
    return new Result(file, scenario.name(), scenario.turns().size(), failures);
  }

  private static void check(int turn, Step step, Decision decision, List<String> failures) {
    Expect expect = step.expect();
    if (expect == null) {
      return;
    }
    DecisionRecord record = decision.record();
    String where = "turn " + turn + " (\"" + abbreviate(step.say()) + "\"): ";
    if (expect.action() != null && !expect.action().equals("any") && !expect.action().equalsIgnoreCase(record.action())) {
      failures.add(where + "expected " + expect.action() + ", got " + record.action() + " by \"" + record.rule() + "\" " + record.signals());
      return;
    }
    if (expect.tier() != null && !expect.tier().equals(record.tier() != null ? record.tier() : record.pendingTier())) {
      failures.add(where + "expected tier " + expect.tier() + ", got " + (record.tier() != null ? record.tier() : record.pendingTier()));
    }
    String reason = record.reason() != null ? record.reason() : record.pendingReason();
    if (expect.reason() != null && !expect.reason().equals(reason)) {
      failures.add(where + "expected reason " + expect.reason() + ", got " + reason);
    }
    if (expect.rule() != null && !expect.rule().equals(record.rule())) {
      failures.add(where + "expected rule \"" + expect.rule() + "\", got \"" + record.rule() + "\"");
    }
    if (expect.signals() != null) {
      expect.signals().forEach((name, value) -> {
        Object actual = record.signals().get(name);
        if (!matches(value, actual)) {
          failures.add(where + "expected signal " + name + " = " + value + ", got " + actual);
        }
      });
    }
    String text = switch (decision) {
      case Decision.Answer answer -> answer.text();
      case Decision.Clarify clarify -> clarify.text();
      case Decision.Collect collect -> collect.question();
      case Decision.HandOff handOff -> handOff.customerNotice();
    };
    if (expect.textContains() != null && !text.toLowerCase(Locale.ROOT).contains(expect.textContains().toLowerCase(Locale.ROOT))) {
      failures.add(where + "expected the reply to contain \"" + expect.textContains() + "\", got \"" + abbreviate(text) + "\"");
    }
    if (expect.asks() != null && !(decision instanceof Decision.Collect collect && collect.item().field().equals(expect.asks()))) {
      failures.add(where + "expected the bot to ask for " + expect.asks() + ", got " + record.action()
          + (record.askedField() == null ? "" : " asking for " + record.askedField()));
    }
    if (expect.packet() != null) {
      if (!(decision instanceof Decision.HandOff handOff)) {
        failures.add(where + "expected a handoff packet, got " + record.action());
        return;
      }
      HandoffPacket packet = handOff.packet();
      PacketExpect wanted = expect.packet();
      if (wanted.orderIds() != null && !packet.customer().orderIds().equals(wanted.orderIds())) {
        failures.add(where + "expected packet order ids " + wanted.orderIds() + ", got " + packet.customer().orderIds());
      }
      if (wanted.frustration() != null && !wanted.frustration().equals(packet.sentiment().frustration())) {
        failures.add(where + "expected packet frustration " + wanted.frustration() + ", got " + packet.sentiment().frustration());
      }
      if (wanted.request() != null && !packet.summary().request().contains(wanted.request())) {
        failures.add(where + "expected packet request to contain \"" + wanted.request() + "\", got \"" + packet.summary().request() + "\"");
      }
      if (wanted.missing() != null) {
        List<String> missing = packet.summary().missing().stream().map(HandoffPacket.Missing::field).toList();
        if (!missing.equals(wanted.missing())) {
          failures.add(where + "expected packet missing " + wanted.missing() + ", got " + missing);
        }
      }
    }
  }

  private static boolean matches(Object expected, Object actual) {
    if (expected instanceof Number number && actual instanceof Number value) {
      return Math.abs(number.doubleValue() - value.doubleValue()) < 1e-9;
    }
    if (expected instanceof String text && text.matches("[<>]=?\\s*-?[0-9.]+") && actual instanceof Number value) {
      String operator = text.replaceAll("[\\s0-9.-]", "");
      double bound = Double.parseDouble(text.replaceAll("[<>=\\s]", ""));
      double number = value.doubleValue();
      return switch (operator) {
        case "<" -> number < bound;
        case "<=" -> number <= bound;
        case ">" -> number > bound;
        default -> number >= bound;
      };
    }
    if (expected instanceof List<?> list && actual instanceof List<?> values) {
      return list.stream().map(String::valueOf).sorted().toList().equals(values.stream().map(String::valueOf).sorted().toList());
    }
    return String.valueOf(expected).equals(String.valueOf(actual));
  }

  private static String abbreviate(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 60 ? line.substring(0, 57) + "…" : line;
  }

  /** The pass table for a run. */
  public static String table(List<Result> results) {
    var table = new StringBuilder(String.format(Locale.ROOT, "%-4s  %-44s  %-62s  %s%n", "", "file", "scenario", "turns"));
    for (Result result : results) {
      table.append(String.format(Locale.ROOT, "%-4s  %-44s  %-62s  %d%n", result.passed() ? "PASS" : "FAIL",
          abbreviate44(result.file()), abbreviate62(result.name()), result.turns()));
      result.failures().forEach(failure -> table.append("      ").append(failure).append('\n'));
    }
    long passed = results.stream().filter(Result::passed).count();
    table.append(String.format(Locale.ROOT, "%d of %d scenarios passed%n", passed, results.size()));
    return table.toString();
  }

  private static String abbreviate44(String text) {
    return text.length() > 44 ? text.substring(0, 43) + "…" : text;
  }

  private static String abbreviate62(String text) {
    return text == null ? "" : text.length() > 62 ? text.substring(0, 61) + "…" : text;
  }
}
