package baton.escalation;

import baton.signals.FrustrationLevel;
import baton.signals.SignalValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The signals of one customer turn, as the rules read them and the decision log shows them.
 *
 * @param confidence calibrated probability that the best answer is right
 * @param sentiment compound sentiment in [-1, 1]
 * @param repeat the customer asks again what they asked before (by meaning, not only by wording)
 * @param loop the conversation has gone on for the spec's loop turns without a person
 * @param turns customer turns so far, this one included
 * @param keyword the policy keyword groups found
 * @param topic the spec topic or article slug the turn is about, or "none"
 * @param sensitiveData the turn holds a secret or payment data (kinds in {@code sensitiveKinds})
 */
public record TurnSignalValues(double confidence, double sentiment, FrustrationLevel frustration, List<String> frustrationCues,
    boolean repeat, boolean loop, int turns, boolean humanRequest, Set<String> keyword, String topic, boolean sensitiveData,
    List<String> sensitiveKinds) implements SignalValues {

  public TurnSignalValues {
    frustrationCues = List.copyOf(frustrationCues);
    keyword = Set.copyOf(keyword);
    sensitiveKinds = List.copyOf(sensitiveKinds);
  }

  @Override
  public double number(String signal) {
    return switch (signal) {
      case "confidence" -> confidence;
      case "sentiment" -> sentiment;
      case "turns" -> turns;
      default -> throw new IllegalArgumentException("not a number signal: " + signal);
    };
  }

  @Override
  public String level(String signal) {
    if (!signal.equals("frustration")) {
      throw new IllegalArgumentException("not a level signal: " + signal);
    }
    return frustration.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean flag(String signal) {
    return switch (signal) {
      case "repeat" -> repeat;
      case "loop" -> loop;
      case "human_request" -> humanRequest;
      case "sensitive_data" -> sensitiveData;
      default -> throw new IllegalArgumentException("not a yes/no signal: " + signal);
    };
  }

  @Override
  public String text(String signal) {
    if (!signal.equals("topic")) {
      throw new IllegalArgumentException("not a text signal: " + signal);
    }
    return topic;
  }

  @Override
  public Set<String> words(String signal) {
    if (!signal.equals("keyword")) {
      throw new IllegalArgumentException("not a set signal: " + signal);
    }
    return keyword;
  }

  /** Name → value, in the wire names rules use; what the decision log and the packet show. */
  public Map<String, Object> asMap() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("confidence", Math.round(confidence * 1000) / 1000.0);
    values.put("sentiment", Math.round(sentiment * 1000) / 1000.0);
    values.put("frustration", frustration.name().toLowerCase(Locale.ROOT));
    values.put("repeat", repeat);
    values.put("loop", loop);
    values.put("turns", turns);
    values.put("human_request", humanRequest);
    values.put("keyword", keyword.stream().sorted().toList());
    values.put("topic", topic);
    values.put("sensitive_data", sensitiveData);
    return values;
  }
}
