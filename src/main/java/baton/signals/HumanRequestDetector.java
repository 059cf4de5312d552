package baton.signals;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises an explicit ask for a person in its common phrasings ("talk to a human", "agent please",
 * "real person", a bare "agent"). Errs towards handing off: a customer who wants a person and does
 * not get one is the failure we most want to avoid. Stateless, thread-safe.
 */
public final class HumanRequestDetector {
  private static final String PERSON =
      "(?:human|person|agent|someone|somebody|representative|rep|operator|staff|people|advisor|adviser|real one)";
  private static final List<Pattern> PATTERNS = List.of(
      // "can I talk to a human", "put me through to someone", "connect me with an agent"
      Pattern.compile("\\b(?:talk|speak|chat|connect|transfer|put|pass|escalate|get|need|want|reach|contact)\\b[^.?!]{0,40}\\b"
          + PERSON + "\\b"),
      // "real person", "live agent", "actual human"
      Pattern.compile("\\b(?:real|live|actual|proper)\\s+(?:human|person|agent|people|support)\\b"),
      // a bare "agent", "human please", "operator!!"
      Pattern.compile("^\\W*(?:an?\\s+)?(?:agent|human|operator|representative|person|customer service)(?:\\s+(?:please|pls|now))?\\W*$"),
      Pattern.compile("\\b(?:agent|human|representative|operator)\\s+(?:please|pls|now)\\b"),
      Pattern.compile("\\bcustomer (?:service|support) (?:rep|representative|agent|person)\\b"));

  public boolean isHumanRequest(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
    for (Pattern pattern : PATTERNS) {
      if (pattern.matcher(lower).find()) {
        return true;
      }
    }
    return false;
  }
}
