package baton.signals;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises a customer closing a topic rather than asking: "thanks, that fixed it!!!", "ok great",
 * "perfect, bye". Such a turn has nothing to retrieve, so without this the bot would read it as a
 * question it cannot answer and hand off a satisfied customer. A message that also asks something
 * ("thanks, and how do I return it?") is not an acknowledgement. Stateless, thread-safe.
 */
public final class AcknowledgementDetector {
  private static final Pattern THANKS = Pattern.compile(
      "^(?:(?:ok(?:ay)?|great|perfect|awesome|cool|nice|brilliant|excellent|lovely|good|super|fine|alright|all right|got it|understood"
          + "|(?:many |thank you |thanks )?(?:thanks|thank you|thx|ty|cheers)(?: (?:so|very) much| a lot| a million| again)?"
          + "|that (?:fixed|solved|answered|helped|sorted|did|works|worked)(?: it| that| my question| the problem)?"
          + "|(?:it|that|this) (?:works|worked|helped|helps|is all|was it)|that'?s (?:all|it|great|perfect|helpful|everything)"
          + "|all (?:good|sorted|set)|problem solved|(?:good)?bye|have a (?:nice|good|great) (?:day|one|evening))"
          + "(?:[\\s,.!:)-]+|$))+$");

  public boolean isAcknowledgement(String text) {
    String said = text.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[^\\p{L}\\p{N}\\s,.!:')-]", " ").strip();
    return !said.isEmpty() && !text.contains("?") && said.length() <= 80 && THANKS.matcher(said + " ").matches();
  }
}
