package baton.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of the decision log: what the bot did with one customer turn and why — the signals with
 * their values, the rule that fired, the candidates and probability — plus the checklist state a later
 * turn continues from. Stored as JSON by the conversation feature and shown to agents as "why did the
 * bot do this". Field names are the published shape of {@code decisions} in the agent API.
 *
 * @param action answer, clarify, collect or handoff
 * @param ruleIndex 0-based index of the spec rule that fired; null when the confidence policy decided
 * @param answerUrl for answer: the passage quoted
 * @param askedField for collect: the checklist field just asked for
 * @param collected checklist details gathered so far (field → value), carried forward turn to turn
 * @param skipped optional fields the customer chose to skip
 * @param pendingTier for collect: the tier the handoff will go to once the checklist is done
 * @param blocked when the output guard stopped the message the bot meant to send: the rule that
 *     stopped it (e.g. {@code never_ask:password}); this decision is then the handoff that replaced it
 */
public record DecisionRecord(
    long seq,
    String action,
    String rule,
    Integer ruleIndex,
    String reason,
    String tier,
    Double probability,
    Map<String, Object> signals,
    List<Evidence.Considered> candidates,
    List<String> offeredUrls,
    String answerUrl,
    String checklist,
    String askedField,
    Map<String, String> collected,
    List<String> skipped,
    String pendingTier,
    String pendingReason,
    Instant createdAt,
    String blocked) {

  /** A decision the output guard let through. */
  public DecisionRecord(long seq, String action, String rule, Integer ruleIndex, String reason, String tier, Double probability,
      Map<String, Object> signals, List<Evidence.Considered> candidates, List<String> offeredUrls, String answerUrl, String checklist,
      String askedField, Map<String, String> collected, List<String> skipped, String pendingTier, String pendingReason, Instant createdAt) {
    this(seq, action, rule, ruleIndex, reason, tier, probability, signals, candidates, offeredUrls, answerUrl, checklist, askedField,
        collected, skipped, pendingTier, pendingReason, createdAt, null);
  }

  public DecisionRecord {
    signals = signals == null ? Map.of() : Map.copyOf(signals);
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
    offeredUrls = offeredUrls == null ? List.of() : List.copyOf(offeredUrls);
    collected = collected == null ? Map.of() : Map.copyOf(collected);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }
}
