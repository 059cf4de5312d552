package baton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of mistake an admin makes in a spec is reported at its own line, with a message to act on. */
class SpecMistakesTest {
  private static final String GOOD = """
      bot:
        name: Sam
        greeting: Hello
      knowledge:
        folders: [kb]
        faqs: [faq.yaml]
        web:
          - id: help-site
            urls: [https://help.example.com/]
            pollMinutes: 60
      answer:
        answerAbove: 0.8
        clarifyAbove: 0.4
      escalation:
        rules:
          - when: frustration == high or human_request
            then: handoff
            tier: urgent
      tiers:
        - id: urgent
          team: support
        - id: mail
          channel: email
          team: support
          email: help@example.com
      checklists:
        - id: order
          tiers: [mail]
          items:
            - field: order_id
              ask: Your order number?
              pattern: 'KO-\\d{5}'
      handoff:
        defaultTeam: support
      teams:
        - id: support
          name: Support
        - id: billing
          name: Billing
      """;

  @TempDir Path dir;

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("unknown key with a suggestion", "  greeting: Hello", "  greeting: Hello\n  greting: Hi", 4,
            "unknown key 'greting'; did you mean 'greeting'?"),
        Arguments.of("wrong type", "answerAbove: 0.8", "answerAbove: very", 12, "answer.answerAbove: expected a number"),
        Arguments.of("probability out of range", "answerAbove: 0.8", "answerAbove: 1.8", 12, "between 0 and 1"),
        Arguments.of("bounds in the wrong order", "clarifyAbove: 0.4", "clarifyAbove: 0.9", 13, "answer.clarifyAbove must be"),
        Arguments.of("unknown default team", "defaultTeam: support", "defaultTeam: sales", 34, "'sales' is not one of the teams"),
        Arguments.of("duplicate team id", "  - id: billing", "  - id: support", 38, "team 'support' is listed twice"),
        Arguments.of("team without a name", "    name: Billing", "    name: ''", 38, "team 'billing'"),
        Arguments.of("misspelt signal in a rule, at its column", "when: frustration == high", "when: frustation == high", 16,
            "did you mean 'frustration'?"),
        Arguments.of("unknown level in a rule", "frustration == high or", "frustration == angry or", 16, "[none, mild, high]"),
        Arguments.of("rule naming an unknown tier", "      tier: urgent", "      tier: fast", 18, "unknown tier 'fast'"),
        Arguments.of("rule with an unknown action", "then: handoff", "then: escalate", 17, "not one of answer, clarify, collect, handoff"),
        Arguments.of("email tier without an inbox", "    email: help@example.com\n", "", 22, "needs 'email'"),
        Arguments.of("checklist pattern that is not a regular expression", "pattern: 'KO-\\d{5}'", "pattern: 'KO-(\\d{5}'", 32,
            "not a valid regular expression"),
        Arguments.of("missing knowledge folder", "folders: [kb]", "folders: [kb, nowhere]", 5, "knowledge folder 'nowhere' does not exist"),
        Arguments.of("FAQ file of an unknown type", "faqs: [faq.yaml]", "faqs: [faq.yaml, notes.docx]", 6, "must end in .yaml"),
        Arguments.of("web URL that is not http", "urls: [https://help.example.com/]", "urls: [ftp://help.example.com/]", 9,
            "only absolute http(s) URLs"),
        Arguments.of("poll interval out of range", "pollMinutes: 60", "pollMinutes: 0", 10, "pollMinutes must be 1-10080"),
        Arguments.of("target precision without validation questions", "  clarifyAbove: 0.4", "  clarifyAbove: 0.4\n  targetPrecision: 0.97",
            14, "needs answer.validation"),
        Arguments.of("missing required greeting", "  greeting: Hello\n", "", 1, "bot.greeting is required"),
        Arguments.of("list where a text belongs", "  name: Sam", "  name: [Sam", 2, "bot.name: expected"),
        Arguments.of("canned reply listed twice", "teams:\n", "cannedReplies:\n  - id: hi\n    text: Hi\n  - id: hi\n    text: Hello\nteams:\n", 38,
            "canned reply 'hi' is listed twice"),
        Arguments.of("retention period without a unit", "    name: Billing\n", "    name: Billing\nretention:\n  transcripts: 365\n", 41,
            "retention.transcripts must be a number of days or hours such as 365d"),
        Arguments.of("retention period of nothing", "    name: Billing\n", "    name: Billing\nretention:\n  audit: 0d\n", 41,
            "retention.audit must be between 1h and 36500d"),
        Arguments.of("unknown kind of retained data", "    name: Billing\n", "    name: Billing\nretention:\n  transcript: 30d\n", 41,
            "did you mean 'transcripts'?"),
        Arguments.of("secret the guard does not know", "teams:\n", "safety:\n  neverAsk: [password, pim]\nteams:\n", 36,
            "unknown secret 'pim'; did you mean 'pin'?"),
        Arguments.of("blocked messages sent to an unknown tier", "teams:\n", "safety:\n  blockedTier: fast\nteams:\n", 36,
            "safety.blockedTier 'fast' is not one of the tiers"),
        Arguments.of("custom pattern that is not a regular expression", "teams:\n",
            "safety:\n  customPatterns:\n    - name: club\n      regex: 'KC-(\\d{8}'\nteams:\n", 38, "invalid regular expression"),
        Arguments.of("greeting that asks for a password", "greeting: Hello", "greeting: Hi! What is your password?", 3,
            "bot.greeting would be stopped by the output guard (never_ask:password)"),
        Arguments.of("checklist question that asks for a card number", "ask: Your order number?", "ask: Please send your card number.", 31,
            "checklists.0.items.0.ask would be stopped"),
        Arguments.of("broken YAML syntax", "  name: Sam", "  name: Sam: x", 2, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void load_withMistake_reportsItsLineAndWhatToDo(String kind, String good, String bad, int line, String message)
      throws IOException {
    Files.createDirectories(dir.resolve("kb"));
    Files.writeString(dir.resolve("faq.yaml"), "- question: Hi?\n  answer: Hello.\n");
    Files.writeString(dir.resolve("notes.docx"), "x");
    Path file = dir.resolve("bot.yaml");
    assertThat(GOOD).contains(good);
    Files.writeString(file, GOOD.replace(good, bad));

    SpecException problem = catchThrowableOfType(SpecException.class, () -> new BotSpecLoader().load(file));

    assertThat(problem).as(kind).isNotNull();
    assertThat(problem.problems()).as(kind).anySatisfy(text -> {
      assertThat(text).startsWith(file + ":" + line + ":");
      assertThat(text).contains(message);
    });
  }
}
