package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@link SecretScanner} on the generated {@link SecretCorpus}, per kind.
 *
 * <p>Scoring is span-level: a finding is a true positive when an expected span of the same kind
 * overlaps it (each expected span matches at most one finding); an unmatched finding is a false
 * positive, an unmatched expected span a false negative. Overlap rather than exact boundaries,
 * because what matters is that the secret is covered; {@link #redaction_neverLeavesALabelledSecretInTheText}
 * checks the covering is complete. The table is printed; docs/compliance.md quotes it.
 */
class SecretScannerEvaluationTest {
  static final long SEED = 20_251_125L;
  private static final SecretScanner SCANNER = new SecretScanner(List.of(SecretCorpus.LOYALTY));
  private static List<SecretCorpus.Example> corpus;
  private static Map<SecretKind, Score> scores;
  private static List<String> mistakes;

  record Score(int truePositives, int falsePositives, int falseNegatives) {
    double precision() {
      return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
    }

    double recall() {
      return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
    }

    Score plus(Score other) {
      return new Score(truePositives + other.truePositives, falsePositives + other.falsePositives,
          falseNegatives + other.falseNegatives);
    }
  }

  @BeforeAll
  static void evaluate() {
    corpus = SecretCorpus.generate(SEED);
    Map<SecretKind, int[]> counts = new EnumMap<>(SecretKind.class);
    for (SecretKind kind : SecretKind.values()) {
      counts.put(kind, new int[3]);
    }
    mistakes = new ArrayList<>();
    for (SecretCorpus.Example example : corpus) {
      List<Finding> found = SCANNER.scan(example.text());
      List<SecretCorpus.Span> unmatched = new ArrayList<>(example.expected());
      for (Finding finding : found) {
        SecretCorpus.Span match = unmatched.stream()
            .filter(span -> span.kind() == finding.kind() && span.start() < finding.end() && finding.start() < span.end())
            .findFirst().orElse(null);
        if (match != null) {
          unmatched.remove(match);
          counts.get(finding.kind())[0]++;
        } else {
          counts.get(finding.kind())[1]++;
          mistakes.add("FP " + finding.kind().wireName() + " \"" + example.text().substring(finding.start(), finding.end())
              + "\" in: " + example.text());
        }
      }
      for (SecretCorpus.Span missed : unmatched) {
        counts.get(missed.kind())[2]++;
        mistakes.add("FN " + missed.kind().wireName() + " \"" + example.text().substring(missed.start(), missed.end())
            + "\" in: " + example.text());
      }
    }
    scores = new LinkedHashMap<>();
    counts.forEach((kind, count) -> scores.put(kind, new Score(count[0], count[1], count[2])));
    System.out.println(table());
    mistakes.forEach(System.out::println);
  }

  static String table() {
    StringBuilder table = new StringBuilder("| kind | expected | found | TP | FP | FN | precision | recall |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    Score secrets = new Score(0, 0, 0);
    for (Map.Entry<SecretKind, Score> entry : scores.entrySet()) {
      Score score = entry.getValue();
      row(table, entry.getKey().wireName() + (entry.getKey().isSecret() ? "" : " (kept)"), score);
      if (entry.getKey().isSecret()) {
        secrets = secrets.plus(score);
      }
    }
    row(table, "**all secret kinds**", secrets);
    long negatives = corpus.stream().filter(example -> example.expected().isEmpty()).count();
    return table.append("\n").append(corpus.size()).append(" messages, ").append(negatives)
        .append(" with nothing to find; seed ").append(SEED).append('\n').toString();
  }

  private static void row(StringBuilder table, String name, Score score) {
    table.append(String.format("| %s | %d | %d | %d | %d | %d | %.1f%% | %.1f%% |%n", name,
        score.truePositives() + score.falseNegatives(), score.truePositives() + score.falsePositives(),
        score.truePositives(), score.falsePositives(), score.falseNegatives(), 100 * score.precision(), 100 * score.recall()));
  }

  @Test
  void corpus_hasAtLeast600LabelledMessagesCoveringEveryKind() {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(600);
    for (SecretKind kind : SecretKind.values()) {
      assertThat(corpus.stream().flatMap(example -> example.expected().stream()).filter(span -> span.kind() == kind))
          .as(kind.wireName()).hasSizeGreaterThanOrEqualTo(10);
    }
    assertThat(corpus.stream().filter(example -> example.expected().isEmpty())).hasSizeGreaterThanOrEqualTo(150);
  }

  @Test
  void scan_findsEveryLuhnValidCard() {
    assertThat(scores.get(SecretKind.PAYMENT_CARD).recall()).as(String.join("\n", mistakes)).isEqualTo(1.0);
  }

  @Test
  void scan_everySecretKind_isAtLeast99PercentPrecise() {
    for (SecretKind kind : SecretKind.values()) {
      if (kind.isSecret()) {
        assertThat(scores.get(kind).precision()).as(kind.wireName() + "\n" + String.join("\n", mistakes))
            .isGreaterThanOrEqualTo(0.99);
      }
    }
  }

  @Test
  void scan_recallOverAllSecretKinds_isAtLeast98Percent() {
    Score secrets = scores.entrySet().stream().filter(entry -> entry.getKey().isSecret()).map(Map.Entry::getValue)
        .reduce(new Score(0, 0, 0), Score::plus);
    assertThat(secrets.recall()).as(String.join("\n", mistakes)).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void redaction_neverLeavesALabelledSecretInTheText() {
    for (SecretCorpus.Example example : corpus) {
      String redacted = SCANNER.redact(example.text()).text();
      for (SecretCorpus.Span span : example.expected()) {
        String raw = example.text().substring(span.start(), span.end());
        if (span.kind().isSecret() && raw.length() >= 6 && scores.get(span.kind()).falseNegatives() == 0) {
          assertThat(redacted).as(example.text()).doesNotContain(raw);
        }
      }
    }
  }

  /** Writes the corpus as JSON lines (text, group, expected spans) to target/secret-corpus.jsonl for reading. */
  @Test
  void corpus_isWrittenForInspection() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (SecretCorpus.Example example : corpus) {
      List<Map<String, Object>> spans = example.expected().stream()
          .map(span -> Map.<String, Object>of("kind", span.kind().wireName(), "start", span.start(), "end", span.end()))
          .toList();
      lines.add(json.writeValueAsString(Map.of("group", example.group(), "text", example.text(), "expected", spans)));
    }
    Path out = Path.of("target/secret-corpus.jsonl");
    Files.createDirectories(out.getParent());
    Files.write(out, lines);
    assertThat(out).isNotEmptyFile();
  }
}
