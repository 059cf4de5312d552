package baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What load customers say: questions the demo knowledge answers (the in-scope rows of the demo's
 * validation.csv and the questions of its faq.yaml, read from the classpath so they follow the demo),
 * and a few ways of asking for a person. A conversation never asks the same question twice, so the
 * bot's repeat rule does not hand it off by accident. Immutable; thread-safe.
 */
final class QuestionMix {
  static final List<String> ASK_FOR_A_PERSON = List.of("can I talk to a human please", "I want to speak to a person",
      "agent please", "can you put me through to a real person", "let me talk to someone from your team");

  private final List<String> questions;

  private QuestionMix(List<String> questions) {
    this.questions = List.copyOf(questions);
  }

  static QuestionMix demo() {
    var questions = new ArrayList<String>();
    try (InputStream csv = resource("/demo/validation.csv");
        var lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
      lines.lines().skip(1).map(line -> line.split(",", 2)).filter(row -> row.length == 2 && !row[1].strip().equals("none"))
          .forEach(row -> questions.add(row[0].strip()));
      try (InputStream faq = resource("/demo/faq.yaml")) {
        for (JsonNode entry : new YAMLMapper().readTree(faq)) {
          questions.add(entry.path("question").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new QuestionMix(questions);
  }

  private static InputStream resource(String name) {
    InputStream in = QuestionMix.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath; run from the project (bench/load.sh)");
    }
    return in;
  }

  int size() {
    return questions.size();
  }

  /** The questions of one conversation, in a random order, none twice. */
  List<String> forOneConversation(int turns, RandomGenerator random) {
    var shuffled = new ArrayList<>(questions);
    Collections.shuffle(shuffled, random);
    return List.copyOf(shuffled.subList(0, Math.min(turns, shuffled.size())));
  }

  static String askForAPerson(RandomGenerator random) {
    return ASK_FOR_A_PERSON.get(random.nextInt(ASK_FOR_A_PERSON.size()));
  }
}
