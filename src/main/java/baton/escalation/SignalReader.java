package baton.escalation;

import baton.knowledge.Candidate;
import baton.knowledge.KnowledgeBase;
import baton.knowledge.Retrieval;
import baton.signals.Frustration;
import baton.signals.FrustrationDetector;
import baton.signals.HumanRequestDetector;
import baton.signals.SensitiveDataDetector;
import baton.spec.EscalationSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Computes every signal of one customer turn. Retrieval runs once and its question vector is reused
 * for repeats and topics; the vectors of earlier turns come from a small cache, since each was
 * embedded on its own turn. Thread-safe.
 */
final class SignalReader {
  /** Cosine at which two customer turns count as the same question however the bot answered (near-verbatim). */
  static final double REPEAT_SIMILARITY = 0.9;
  /**
   * Cosine at which a turn counts as asking again when it would also get the answer it got before:
   * a paraphrase (0.7–0.9) that lands on the same passage means the earlier answer did not help.
   * Two different questions about one topic ("standard" vs "express" shipping) land on different
   * passages, so they do not count.
   */
  static final double SAME_ANSWER_SIMILARITY = 0.7;
  /** Cosine at which a turn counts as matching a topic's example question. */
  static final double TOPIC_SIMILARITY = 0.75;
  private static final int CANDIDATES = 5;
  private static final int TURNS_COMPARED = 10;
  private static final int CACHED_VECTORS = 20_000;

  /** What one turn's reading found: the signals, and the retrieval they came from. */
  record Reading(TurnSignalValues signals, Retrieval retrieval, double probability, Frustration frustration) {}

  private final HumanRequestDetector humanRequests;
  private final FrustrationDetector frustration;
  private final SensitiveDataDetector sensitiveData;
  private final Map<String, float[]> turnVectors = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
      return size() > CACHED_VECTORS;
    }
  };

  SignalReader(HumanRequestDetector humanRequests, FrustrationDetector frustration, SensitiveDataDetector sensitiveData) {
    this.humanRequests = humanRequests;
    this.frustration = frustration;
    this.sensitiveData = sensitiveData;
  }

  Reading read(TurnContext context, LiveBrain.Brain brain) {
    KnowledgeBase knowledge = brain.knowledge();
    String text = context.text();
    float[] vector = vector(knowledge, text);
    Retrieval retrieval = knowledge.retrieve(text, vector, CANDIDATES);
    double probability = brain.policy().confidence().probability(retrieval);
    Frustration felt = frustration.assess(text);
    List<String> sensitive = sensitiveData.kindsIn(text);
    List<TurnContext.Line> earlier = context.earlierCustomerLines();
    int turns = earlier.size() + 1;
    EscalationSpec escalation = brain.spec().escalation();
    var signals = new TurnSignalValues(probability, felt.sentiment().compound(), felt.level(), felt.cues(),
        isRepeat(knowledge, text, vector, earlier, context.decisions(), retrieval), turns >= escalation.loopTurns(), turns, humanRequests.isHumanRequest(text),
        brain.escalation().keywords().groupsIn(text), topic(brain, text, vector, retrieval, probability), !sensitive.isEmpty(),
        sensitive);
    return new Reading(signals, retrieval, probability, felt);
  }

  private boolean isRepeat(KnowledgeBase knowledge, String text, float[] vector, List<TurnContext.Line> earlier,
      List<DecisionRecord> decisions, Retrieval retrieval) {
    String bestNow = retrieval.best().map(best -> best.passage().url()).orElse("");
    String said = normalise(text);
    if (said.split(" ").length < 3) {
      return false; // "yes", "2", "ok thanks" repeat without being a repeated question
    }
    List<TurnContext.Line> recent = earlier.subList(Math.max(0, earlier.size() - TURNS_COMPARED), earlier.size());
    for (TurnContext.Line line : recent) {
      String before = normalise(line.text());
      if (before.split(" ").length < 3) {
        continue;
      }
      double similarity = before.equals(said) ? 1 : dot(vector, vector(knowledge, line.text()));
      if (similarity >= REPEAT_SIMILARITY) {
        return true;
      }
      boolean sameAnswer = decisions.stream().anyMatch(decision -> decision.seq() == line.seq() && decision.action().equals("answer")
          && bestNow.equals(decision.answerUrl()));
      if (sameAnswer && similarity >= SAME_ANSWER_SIMILARITY) {
        return true;
      }
    }
    return false;
  }

  /**
   * The spec topic the turn is about (no-go topics first), by keyword, by example question, or by the
   * article the bot would answer from; otherwise that article's slug; "none" when nothing fits.
   */
  private static String topic(LiveBrain.Brain brain, String text, float[] vector, Retrieval retrieval, double probability) {
    CompiledEscalation escalation = brain.escalation();
    Set<String> byKeyword = escalation.topicKeywords().groupsIn(text);
    List<EscalationSpec.Topic> topics = brain.spec().escalation().topics();
    for (EscalationSpec.Topic topic : ordered(topics)) {
      if (byKeyword.contains(topic.id())) {
        return topic.id();
      }
      for (float[] example : escalation.topicExamples().getOrDefault(topic.id(), List.of())) {
        if (dot(vector, example) >= TOPIC_SIMILARITY) {
          return topic.id();
        }
      }
    }
    if (retrieval.best().isEmpty() || probability < brain.policy().clarifyAbove()) {
      return "none";
    }
    String slug = slug(retrieval.best().get());
    for (EscalationSpec.Topic topic : ordered(topics)) {
      if (topic.articles().contains(slug)) {
        return topic.id();
      }
    }
    return slug;
  }

  /**
   * The no-go topic a message the bot is about to send is about, for the output guard: by the article
   * it cites (a topic's {@code articles}), by a topic keyword in its words, or by its meaning (an example
   * question at {@link #TOPIC_SIMILARITY}). The question may have looked harmless; the answer is
   * what the customer reads.
   */
  java.util.Optional<String> noGoTopicOf(String text, List<String> citedUrls, LiveBrain.Brain brain) {
    List<EscalationSpec.Topic> noGo = brain.spec().escalation().topics().stream().filter(EscalationSpec.Topic::noGo).toList();
    if (noGo.isEmpty()) {
      return java.util.Optional.empty();
    }
    for (String url : citedUrls) {
      String slug = slugOf(url);
      for (EscalationSpec.Topic topic : noGo) {
        if (topic.articles().contains(slug)) {
          return java.util.Optional.of(topic.id());
        }
      }
    }
    Set<String> byKeyword = brain.escalation().topicKeywords().groupsIn(text);
    for (EscalationSpec.Topic topic : noGo) {
      if (byKeyword.contains(topic.id())) {
        return java.util.Optional.of(topic.id());
      }
    }
    float[] vector = vector(brain.knowledge(), text);
    for (EscalationSpec.Topic topic : noGo) {
      for (float[] example : brain.escalation().topicExamples().getOrDefault(topic.id(), List.of())) {
        if (dot(vector, example) >= TOPIC_SIMILARITY) {
          return java.util.Optional.of(topic.id());
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static List<EscalationSpec.Topic> ordered(List<EscalationSpec.Topic> topics) {
    return java.util.stream.Stream.concat(topics.stream().filter(EscalationSpec.Topic::noGo),
        topics.stream().filter(topic -> !topic.noGo())).toList();
  }

  static String slug(Candidate candidate) {
    return slugOf(candidate.passage().url());
  }

  static String slugOf(String url) {
    if (url.startsWith("/kb/")) {
      int anchor = url.indexOf('#');
      return url.substring(4, anchor < 0 ? url.length() : anchor);
    }
    return url;
  }

  private float[] vector(KnowledgeBase knowledge, String text) {
    synchronized (turnVectors) {
      float[] cached = turnVectors.get(text);
      if (cached != null && cached.length > 0) {
        return cached;
      }
    }
    float[] vector = knowledge.embed(text);
    synchronized (turnVectors) {
      turnVectors.put(text, vector);
    }
    return vector;
  }

  private static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Lower case, words only: what "the same words" means for repeats and picked options. */
  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
