package baton.escalation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minutes of agent time one handoff costs, per tier, for the what-if's load estimate. Chosen per tier
 * in this order: a minute count given for the tier ({@code --tier-minutes urgent=15}); else the mean
 * measured in the export (claim to resolve of the real handoffs to that tier); else the typical figure
 * ({@code --handle-minutes}). Each tier remembers which, so the report can say how much is measured.
 * Immutable.
 */
public record HandleMinutes(Map<String, Double> perTier, Map<String, String> sources, double typical) {
  public static final String GIVEN = "given";
  public static final String MEASURED = "measured";
  public static final String TYPICAL = "typical";

  public HandleMinutes {
    perTier = Map.copyOf(perTier);
    sources = Map.copyOf(sources);
    if (!(typical >= 0)) {
      throw new IllegalArgumentException("--handle-minutes must be 0 or more, not " + typical);
    }
  }

  public static HandleMinutes of(List<RecordedConversation> recorded, double typical, Map<String, Double> given) {
    Map<String, double[]> sums = new TreeMap<>();
    for (RecordedConversation conversation : recorded) {
      var handoff = conversation.handoff();
      if (handoff != null && handoff.tier() != null && handoff.handleMinutes() != null) {
        double[] sum = sums.computeIfAbsent(handoff.tier(), tier -> new double[2]);
        sum[0] += handoff.handleMinutes();
        sum[1]++;
      }
    }
    Map<String, Double> minutes = new TreeMap<>();
    Map<String, String> sources = new TreeMap<>();
    sums.forEach((tier, sum) -> {
      minutes.put(tier, sum[0] / sum[1]);
      sources.put(tier, MEASURED);
    });
    given.forEach((tier, value) -> {
      if (!(value >= 0)) {
        throw new IllegalArgumentException("--tier-minutes " + tier + " must be 0 or more, not " + value);
      }
      minutes.put(tier, value);
      sources.put(tier, GIVEN);
    });
    return new HandleMinutes(minutes, sources, typical);
  }

  public double minutes(String tier) {
    return perTier.getOrDefault(tier, typical);
  }

  public String source(String tier) {
    return sources.getOrDefault(tier, TYPICAL);
  }

  /** Agent-hours the handoffs of a tally would take: handoffs per tier × that tier's minutes. */
  public double agentHours(WhatIfReplay.Tally tally) {
    return tally.handoffsByTier().entrySet().stream().mapToDouble(entry -> entry.getValue() * minutes(entry.getKey())).sum() / 60;
  }
}
