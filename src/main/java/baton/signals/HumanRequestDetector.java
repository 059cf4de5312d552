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
      "(?:human|person|agent|someone|somebody|representative|rep|operator|staff|people|advisor|adviser|real one|manager|supervisor"
          + "|customer (?:service|support|care)|support team|your team)";
  /** "I don't need a person", "no need for an agent": the words of a request, said to decline one. */
  private static final Pattern DECLINED = Pattern.compile(
      "\\b(?:(?:i )?(?:don'?t|do not|won'?t|never) (?:need|want|require)|not (?:asking|looking) for|no need (?:for|to (?:talk|speak) to))"
          + " (?:(?:to )?(?:talk|speak|chat) (?:to|with) )?(?:a |an |the |any )?" + PERSON + "\\b");
  private static final List<Pattern> PATTERNS = List.of(
      // "can I talk to a human", "put me through to someone", "connect me with an agent"
      Pattern.compile("\\b(?:talk|speak|chat|connect|transfer|put|pass|escalate|get|need|want|reach|contact)\\b[^.?!]{0,40}\\b"
          + PERSON + "\\b"),
      // "real person", "live agent", "actual human"
      Pattern.compile("\\b(?:real|live|actual|proper)\\s+(?:human|person|agent|people|support)\\b"),
      // a bare "agent", "human please", "operator!!"
      Pattern.compile("^\\W*(?:an?\\s+)?(?:agent|human|operator|representative|person|customer service)(?:\\s+(?:please|pls|now))?\\W*$"),
      Pattern.compile("\\b(?:agent|human|representative|operator)\\s+(?:please|pls|now)\\b"),
      Pattern.compile("\\bcustomer (?:service|support) (?:rep|representative|agent|person)\\b"),
      // "is there a person I can talk to?", "is anyone there who can help"
      Pattern.compile("\\bis (?:there|anyone|anybody|someone|somebody)\\b[^.?!]{0,20}\\b(?:person|human|someone|somebody|anyone|anybody)"
          + "\\b[^.?!]{0,20}\\b(?:talk|speak|chat|help)\\b"));

  public boolean isHumanRequest(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
    if (DECLINED.matcher(lower).find()) {
      return false;
    }
    for (Pattern pattern : PATTERNS) {
      if (pattern.matcher(lower).find()) {
        return true;
      }
    }
    return false;
  }
}
