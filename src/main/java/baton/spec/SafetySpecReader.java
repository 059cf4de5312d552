package baton.spec;

import baton.compliance.AskedSecret;
import baton.compliance.CustomPattern;
import baton.compliance.GuardVerdict;
import baton.compliance.OutputGuard;
import baton.compliance.SecretScanner;
import baton.platform.YamlPositions;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the spec's {@code safety} section, and checks the spec's fixed copy against the guard it
 * defines: a greeting or checklist question that asks for a password would be stopped on every
 * conversation, so it is a load error at its own line instead. Stateless.
 */
final class SafetySpecReader {
  record RawSafety(@JsonProperty("neverAsk") List<String> neverAsk, @JsonProperty("blockedTier") String blockedTier,
      @JsonProperty("blockedMessage") String blockedMessage, @JsonProperty("customPatterns") List<RawPattern> customPatterns) {}

  record RawPattern(String name, String regex, String mask, List<String> keywords) {}

  private SafetySpecReader() {}

  static BotSpec.Safety read(RawSafety raw, EscalationSpec escalation, UnaryOperator<String> at, List<String> problems) {
    RawSafety safety = raw == null ? new RawSafety(null, null, null, null) : raw;
    Set<AskedSecret> neverAsk = EnumSet.noneOf(AskedSecret.class);
    if (safety.neverAsk() == null) {
      neverAsk.addAll(AskedSecret.ALL);
    } else {
      List<String> names = Arrays.stream(AskedSecret.values()).map(AskedSecret::wireName).toList();
      for (int i = 0; i < safety.neverAsk().size(); i++) {
        String name = String.valueOf(safety.neverAsk().get(i));
        String where = at.apply("/safety/neverAsk/" + i);
        AskedSecret.fromWireName(name).ifPresentOrElse(neverAsk::add, () -> problems.add(where
            + "safety.neverAsk: unknown secret '" + name + "'" + YamlPositions.didYouMean(name, names).map(known -> "; did you mean '"
            + known + "'?").orElse("") + " Known: " + names));
      }
    }
    String blockedTier = safety.blockedTier() == null ? defaultTier(escalation) : safety.blockedTier();
    if (escalation.tiers().stream().noneMatch(tier -> tier.id().equals(blockedTier))) {
      problems.add(at.apply("/safety/blockedTier") + "safety.blockedTier '" + blockedTier + "' is not one of the tiers "
          + escalation.tiers().stream().map(EscalationSpec.Tier::id).toList());
    }
    String blockedMessage = safety.blockedMessage() == null ? BotSpec.Safety.DEFAULT_BLOCKED_MESSAGE : safety.blockedMessage().strip();
    if (blockedMessage.isEmpty() || blockedMessage.length() > 1000) {
      problems.add(at.apply("/safety/blockedMessage") + "safety.blockedMessage needs 1-1000 characters: the customer reads it instead"
          + " of the stopped message");
    }
    List<CustomPattern> patterns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<RawPattern> rawPatterns = safety.customPatterns() == null ? List.of() : safety.customPatterns();
    for (int i = 0; i < rawPatterns.size(); i++) {
      RawPattern pattern = rawPatterns.get(i);
      String patternAt = "/safety/customPatterns/" + i;
      if (pattern.name() == null || !pattern.name().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        problems.add(at.apply(patternAt + "/name") + "safety.customPatterns: name '" + pattern.name()
            + "' must be a lower-case name (letters, digits, _ or -), e.g. loyalty_card");
        continue;
      }
      if (!names.add(pattern.name())) {
        problems.add(at.apply(patternAt + "/name") + "safety.customPatterns: '" + pattern.name() + "' is listed twice");
      }
      if (pattern.regex() == null || pattern.regex().isEmpty()) {
        problems.add(at.apply(patternAt) + "safety.customPatterns '" + pattern.name() + "' needs a regex");
        continue;
      }
      String mask = pattern.mask() == null ? "[" + pattern.name().replace('_', ' ') + "]" : pattern.mask();
      try {
        CustomPattern built = new CustomPattern(pattern.name(), pattern.regex(), mask,
            pattern.keywords() == null ? List.of() : pattern.keywords());
        if (java.util.regex.Pattern.compile(built.regex()).matcher("").matches()) {
          problems.add(at.apply(patternAt + "/regex") + "safety.customPatterns '" + pattern.name()
              + "' matches the empty text; it would mask nothing or everything");
        }
        patterns.add(built);
      } catch (IllegalArgumentException e) {
        problems.add(at.apply(patternAt + (e.getMessage().contains("keywords") ? "/keywords" : "/regex")) + "safety.customPatterns: "
            + e.getMessage());
      }
    }
    return new BotSpec.Safety(neverAsk, blockedTier, blockedMessage, patterns);
  }

  /** The first urgent tier (it skips checklists: a stopped message should not be followed by questions), else the first. */
  private static String defaultTier(EscalationSpec escalation) {
    return escalation.tiers().stream().filter(EscalationSpec.Tier::urgent).findFirst()
        .or(() -> escalation.tiers().stream().findFirst()).map(EscalationSpec.Tier::id).orElse(escalation.defaultTier());
  }

  /**
   * The spec's own words that the bot sends as they are, each at its key: the guard must let every one
   * through, or it would stop the same message on every conversation.
   */
  static void checkCopy(BotSpec.Safety safety, Map<String, String> copyByPointer, UnaryOperator<String> at, List<String> problems) {
    OutputGuard guard = new OutputGuard(safety.neverAsk(), new SecretScanner(safety.customPatterns()));
    Map<String, String> copy = new LinkedHashMap<>(copyByPointer);
    copy.put("/safety/blockedMessage", safety.blockedMessage());
    copy.forEach((pointer, text) -> {
      if (text != null && guard.check(text) instanceof GuardVerdict.Blocked blocked) {
        problems.add(at.apply(pointer) + pointer.substring(1).replace('/', '.') + " would be stopped by the output guard ("
            + blocked.rule() + "): the bot must never ask for or repeat a secret; reword it");
      }
    });
  }
}
