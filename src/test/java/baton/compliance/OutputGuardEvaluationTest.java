package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the guard's "asks for a secret" rule on a labelled set: the hand-written
 * messages in {@code compliance/bot-messages.tsv} plus every paragraph of the demo help articles and
 * every demo FAQ answer (all must pass: they are what the demo bot says). Prints the table that
 * docs/compliance.md quotes.
 */
class OutputGuardEvaluationTest {
  record Example(boolean asks, String secret, String text, String source) {}

  private static final OutputGuard GUARD = OutputGuard.standard();
  private static List<Example> examples;

  @BeforeAll
  static void load() throws IOException {
    examples = new ArrayList<>();
    try (var in = OutputGuardEvaluationTest.class.getResourceAsStream("/compliance/bot-messages.tsv")) {
      String tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : tsv.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", 3);
        examples.add(new Example(fields[0].equals("ask"), fields[1], fields[2].replace("\\n", "\n"), "bot-messages.tsv"));
      }
    }
    examples.addAll(demoKnowledge());
  }

  /** Every paragraph of every demo article, and every FAQ answer: the demo bot's own words. */
  static List<Example> demoKnowledge() throws IOException {
    List<Example> demo = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/demo/knowledge"))) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readString(file).split("\n")) {
          String text = line.strip();
          if (!text.isEmpty() && !text.startsWith("#")) {
            demo.add(new Example(false, "-", text, file.getFileName().toString()));
          }
        }
      }
    }
    String faq = Files.readString(Path.of("src/main/resources/demo/faq.yaml"));
    var answers = java.util.regex.Pattern.compile("answer: >-\\n((?:    .*\\n)+)").matcher(faq);
    while (answers.find()) {
      demo.add(new Example(false, "-", answers.group(1).replaceAll("\\s+", " ").strip(), "faq.yaml"));
    }
    return demo;
  }

  @Test
  void demoArticlesAndFaqs_allPassUnblocked() throws IOException {
    List<String> blocked = new ArrayList<>();
    for (Example example : demoKnowledge()) {
      GuardVerdict verdict = GUARD.check(example.text());
      if (verdict instanceof GuardVerdict.Blocked block) {
        blocked.add(example.source() + " [" + block.rule() + "]: " + example.text());
      }
    }
    assertThat(blocked).isEmpty();
  }

  @Test
  void labelledSet_precisionAndRecall() {
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    int trueNegatives = 0;
    int wrongKind = 0;
    List<String> mistakes = new ArrayList<>();
    for (Example example : examples) {
      GuardVerdict verdict = GUARD.check(example.text());
      boolean blocked = verdict instanceof GuardVerdict.AsksForSecret;
      if (example.asks() && blocked) {
        truePositives++;
        String found = ((GuardVerdict.AsksForSecret) verdict).secret().wireName();
        if (!found.equals(example.secret())) {
          wrongKind++;
          mistakes.add("kind " + found + " for " + example.secret() + ": " + example.text());
        }
      } else if (example.asks()) {
        falseNegatives++;
        mistakes.add("missed: " + example.text());
      } else if (blocked) {
        falsePositives++;
        mistakes.add("blocked [" + ((GuardVerdict.Blocked) verdict).rule() + "]: " + example.text());
      } else {
        trueNegatives++;
      }
    }
    double precision = truePositives / (double) (truePositives + falsePositives);
    double recall = truePositives / (double) (truePositives + falseNegatives);
    System.out.printf(Locale.ROOT, "output guard: %d examples (%d ask, %d do not); TP %d FP %d FN %d TN %d; precision %.1f%% recall %.1f%%;"
            + " right secret named for %d of %d%n", examples.size(), truePositives + falseNegatives, falsePositives + trueNegatives,
        truePositives, falsePositives, falseNegatives, trueNegatives, 100 * precision, 100 * recall, truePositives - wrongKind, truePositives);
    mistakes.forEach(mistake -> System.out.println("  " + mistake));
    assertThat(examples.size()).isGreaterThanOrEqualTo(100);
    assertThat(precision).isGreaterThanOrEqualTo(0.97);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }
}
