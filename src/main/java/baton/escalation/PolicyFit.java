package baton.escalation;

import baton.knowledge.AnswerConfidence;
import baton.knowledge.ConfidenceBounds;
import baton.knowledge.KnowledgeBase;
import baton.knowledge.Retrieval;
import baton.spec.BotSpec;
import baton.spec.SpecException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works out the {@link BotPolicy} for a spec and its knowledge. With a validation file and a target
 * precision, the confidence model is refitted on those questions (when there are enough of them, with
 * both right and wrong outcomes) and the answer bound is the lowest that reaches the precision on
 * them. Otherwise the spec's bounds apply to the default model. Stateless.
 */
final class PolicyFit {
  /**
   * Fewer labelled questions than this fit a model worse than the default one; with fewer, only the
   * bound is fitted, on the default model. The default is fitted on an FAQ-style intent set, whose
   * passages have a hundred phrasings each; a help centre's sections have one or two, which shifts
   * every feature, so a few dozen of the site's own questions already calibrate better (the demo's
   * 42: see docs/benchmarks.md).
   */
  private static final int MIN_QUESTIONS_TO_REFIT = 40;

  private PolicyFit() {}

  static BotPolicy of(BotSpec spec, KnowledgeBase knowledge) {
    BotSpec.ConfidencePolicy stated = spec.confidence();
    if (stated.validationFile().isEmpty()) {
      return new BotPolicy(AnswerConfidence.DEFAULT, stated.answerAbove(), stated.clarifyAbove(), 0);
    }
    Path file = stated.validationFile().get();
    List<Retrieval> retrievals = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    for (String[] row : read(file)) {
      Retrieval retrieval = knowledge.retrieve(row[0], 5);
      retrievals.add(retrieval);
      right.add(retrieval.best().map(best -> matches(best.passage().url(), row[1])).orElse(false));
    }
    boolean mixed = right.contains(true) && right.contains(false);
    AnswerConfidence confidence = retrievals.size() >= MIN_QUESTIONS_TO_REFIT && mixed
        ? AnswerConfidence.fit(retrievals, right)
        : AnswerConfidence.DEFAULT;
    if (stated.targetPrecision().isEmpty()) {
      return new BotPolicy(confidence, stated.answerAbove(), stated.clarifyAbove(), retrievals.size());
    }
    List<ConfidenceBounds.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < retrievals.size(); i++) {
      outcomes.add(new ConfidenceBounds.Outcome(confidence.probability(retrievals.get(i)), right.get(i)));
    }
    double answerAbove = ConfidenceBounds.boundForPrecision(outcomes, stated.targetPrecision().get());
    return new BotPolicy(confidence, answerAbove, Math.min(stated.clarifyAbove(), answerAbove), retrievals.size());
  }

  /** {@code expected} is a slug, slug#anchor, or "none" (the question must not be answered). */
  static boolean matches(String url, String expected) {
    if (expected.equalsIgnoreCase("none")) {
      return false;
    }
    String target = "/kb/" + expected;
    return expected.contains("#") ? url.equals(target) : url.equals(target) || url.startsWith(target + "#");
  }

  private static List<String[]> read(Path file) {
    List<String[]> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> lines = new CsvMapper().readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      int line = 1;
      while (lines.hasNext()) {
        line++;
        Map<String, String> row = lines.next();
        String question = row.get("question");
        String expected = row.get("expected");
        if (question == null || question.isBlank() || expected == null || expected.isBlank()) {
          throw new SpecException(List.of(file + ":" + line + ":1: each row needs a question and an expected article (or none)"));
        }
        rows.add(new String[] {question, expected.strip()});
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof SpecException spec) {
        throw spec;
      }
      throw new SpecException(List.of(file + ":1:1: cannot read the validation questions: " + e.getMessage()));
    }
    return rows;
  }
}
