package baton.compliance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a bot message asks the customer for a secret: "please send your password", "what is
 * your card number?", "enter the code we texted you", "could you share the 3-digit code on the back".
 *
 * <p>How it decides. The message is cut into segments at sentence ends, semicolons, dashes and
 * contrast words ("but", "however"), since a negation or a condition rarely reaches across them. In a
 * segment, each mention of a secret (a noun phrase per {@link AskedSecret}) counts as asked for when
 * one of these shapes leads to it:
 *
 * <ul>
 *   <li>a request verb a few words before it (send, share, give, tell, enter, type, provide, confirm,
 *       reply with …; a gerund only after "mind", "by", "try" …), with nothing between that starts a
 *       new clause ("and we", "so", "to", "if");
 *   <li>a question ("what is your …", "what's the …"), or the bare noun with "?" or "please";
 *   <li>a need stated by the bot's side ("we need", "I'll need", "can I have", "… is required");
 *   <li>a request verb with "it" or "them" after the mention ("your PIN — please send it").
 * </ul>
 *
 * <p>And it is <em>not</em> an ask when: a negation stands before the verb in its clause ("we will
 * never ask for", "do not share", "no need to send", "rather than"), read back only to the nearest
 * "please", "just", "but" or "then", so "don't worry, just send it" is still an ask; a third party is
 * the subject ("if anyone asks you to enter your password"); the verb is one of entering rather than
 * telling (enter, type, provide, confirm …) and the segment sends the customer somewhere else to do it
 * ("at checkout", "on the sign-in page", "in the app", "at kestrel.example") unless it also says "here",
 * "below" or "in this chat"; or the mention is not the secret itself ("password reset link", "the last 4
 * digits of your card", "gift card number", "promo code").
 *
 * <p>Known limits: English only; a request spread over two sentences ("I need one more thing. Your
 * password.") is missed; a new-password instruction for a form without naming the form is allowed.
 * Measured on the labelled set in docs/compliance.md. Immutable and thread-safe.
 */
final class SecretRequests {
  private static final Map<AskedSecret, Pattern> NOUNS = new EnumMap<>(AskedSecret.class);

  static {
    NOUNS.put(AskedSecret.PASSWORD, Pattern.compile("\\b(?:pass ?words?|passcodes?|pass ?phrases?|pwd|(?:login|log-in|sign-in|sign in|account)"
        + " (?:details|credentials)|credentials)\\b(?!\\s+(?:reset|manager|requirements?|rules?|polic(?:y|ies)|strength|field|box|link|page"
        + "|recovery|hint|change|settings|protected|form)\\b)"));
    NOUNS.put(AskedSecret.CARD_NUMBER, Pattern.compile("\\b(?:(?:full|long|whole|complete|entire|16-digit|16 digit|sixteen-digit)\\s+)?"
        + "(?:(?:credit|debit|bank|payment)\\s+)?card(?:'s)?\\s+(?:number|no\\.?|numbers|digits|details|info(?:rmation)?)\\b"
        + "|\\b(?:long )?number (?:on|across) (?:the front of )?(?:your|the) card\\b"));
    NOUNS.put(AskedSecret.CVV, Pattern.compile("\\b(?:cvv2?|cvc2?|cvn|csc|card verification (?:code|value|number)|(?:card )?security code"
        + "|(?:3|4|three|four)[- ]digit (?:security )?(?:code|number)|(?:code|digits|numbers?) on the back(?: of (?:your|the) card)?)\\b"));
    NOUNS.put(AskedSecret.CARD_EXPIRY, Pattern.compile("\\b(?:(?:card(?:'s)? )?(?:expiry|expiration|exp\\.?) date|valid (?:thru|through) date"
        + "|date (?:your|the) card expires)\\b"));
    NOUNS.put(AskedSecret.ONE_TIME_CODE, Pattern.compile("\\b(?:one[- ]time (?:code|password|passcode|pin)|otp|2fa code|two[- ]factor (?:code|token)"
        + "|mfa code|verification code|authentication code|auth code|sms code|text code|login code|log-in code|sign-in code|access code"
        + "|(?:5|6|8|five|six|eight)[- ]digit code|(?:the )?code (?:that )?(?:we|i|you|the app) (?:just )?(?:sent|texted|emailed|messaged|received|got)"
        + "|(?:the )?code (?:in|from) (?:the|your|our) (?:text|sms|email|e-mail|message|authenticator(?: app)?))\\b"));
    NOUNS.put(AskedSecret.PIN, Pattern.compile("\\bpin(?:[- ]?code|[- ]number)?s?\\b"));
    NOUNS.put(AskedSecret.NATIONAL_ID, Pattern.compile("\\b(?:social security number|ssn|national insurance number|national id(?: number)?"
        + "|tax id(?: number)?|passport number|driver'?s licen[cs]e number)\\b"));
  }

  /** Where segments end: sentence ends, semicolons, line breaks, dashes between words, contrast words. */
  private static final Pattern BOUNDARY = Pattern.compile("[.!?]+(?=\\s|$)|[;\\n]+|\\s[-–—]+\\s|\\b(?:but|however|otherwise|although)\\b");
  /** Verbs that hand something over to us; a location elsewhere does not excuse them. */
  private static final String TELLING = "send|share|give|tell|forward|hand over|read out|read me|spell out|reply with|respond with"
      + "|let (?:me|us) know|(?:text|dm|message|email|e-mail) (?:us|me|it|them|the team|our team|support)";
  /** Verbs that could as well mean a form elsewhere: excused by "at checkout", "in the app"… */
  private static final String ENTERING = "enter|type|input|paste|key in|fill in|submit|provide|confirm|supply|include";
  private static final Pattern VERB = Pattern.compile("\\b(?:(" + TELLING + ")|(" + ENTERING + "))\\b");
  private static final Pattern GERUND = Pattern.compile("\\b(?:mind|by|try|trying|consider|recommend|suggest|appreciate|start|begin)\\s+"
      + "(?:(sending|sharing|giving|telling|forwarding|replying with)|(entering|typing|pasting|providing|confirming|submitting|including))\\b");
  private static final Pattern NEED = Pattern.compile("\\b(?:we|i|support|our team|the team|our agents?|the agent|kestrel)"
      + "(?:'ll|'d|'re| will| would| do| also| still| just| first| only| now| then| must| may| might| can| could| have to| going to)*"
      + "\\s+(?:need|needs|require|requires|ask for|ask you for|asks for|like|want|must have|request)\\b"
      + "|\\b(?:can|could|may|might)\\s+(?:i|we)\\s+(?:please\\s+)?(?:have|get|take|see|grab|know|ask for|ask you for)\\b");
  private static final Pattern QUESTION = Pattern.compile("\\b(?:what|which)(?:'s|\\s+is|\\s+was|\\s+are|\\s+were)\\s");
  private static final Pattern PRONOUN_AFTER = Pattern.compile("^.{0,50}?\\b(?:(" + TELLING + ")|(" + ENTERING + "))\\s+(?:it|them)\\b");
  private static final Pattern PASSIVE_NEED = Pattern.compile("^\\s+(?:is|are)\\s+(?:(?:also|still)\\s+)?(?:required|needed|necessary)\\b");
  private static final Pattern HAVE_READY = Pattern.compile("\\b(?:have|keep|get)\\s+(?:your|the)\\s+$");
  private static final Pattern READY = Pattern.compile("^\\s+(?:handy|ready|to hand|nearby)\\b");
  private static final Pattern BARE_PREFIX = Pattern.compile("^[\\s,]*(?:(?:and|also|now|ok|okay|so|next|then|first|lastly|finally)[\\s,]+)?"
      + "(?:please[\\s,:]+)?(?:your|the|ur)?\\s*$");
  private static final Pattern BARE_SUFFIX = Pattern.compile("^\\s*(?:,?\\s*please)?\\s*[?.!:]*\\s*$");
  /** Something that starts a new clause between a verb and a noun: the noun is no longer its object. */
  private static final Pattern NEW_CLAUSE = Pattern.compile(",\\s*(?:and|then|so|or)\\b|\\b(?:and|or)\\s+(?:we|i|you|they|it|then)\\b"
      + "|\\b(?:then|so|if|when|because|which|who|to|after|before|until|once|unless|while|where)\\b"
      + "|\\b(?:we|i|you|they)\\s*(?:will|'ll|can|could|may|should|must|would|'d)\\b|\\bwill\\b");
  private static final Pattern NEGATION = Pattern.compile("\\b(?:not|never|no|nobody|nothing|without|avoid|refuse|neither|nor|stop|cannot"
      + "|rather than|instead of)\\b|n't\\b|\\bno one\\b");
  /** Read back from a verb, the clause the negation must stand in ends at these words. */
  private static final Pattern RESET = Pattern.compile("\\b(?:please|just|simply|then|now|instead(?!\\s+of)|rather(?!\\s+than))\\b|,\\s*(?=so\\b|and\\b)");
  private static final Pattern THIRD_PARTY = Pattern.compile("\\b(?:anyone|anybody|someone|somebody|scammers?|fraudsters?|criminals?|phishing"
      + "|impostors?|imposters?|strangers?|other people|third part(?:y|ies)|other (?:sites|websites|companies))\\b");
  private static final Pattern ELSEWHERE = Pattern.compile("\\b(?:at|on|in|into|via|through|using|inside|from)\\s+(?:the\\s+|our\\s+|your\\s+|a\\s+"
      + "|kestrel'?s?\\s+)?(?:[\\w'-]+\\s+){0,3}?(?:checkout|check-out|page|website|web site|site|app|application|portal|form|box|field|screen"
      + "|settings|terminal|keypad|pin ?pad|card reader|till|browser|sign-in|sign in|login|log-in|store|shop|account|authenticator|kiosk|atm)\\b"
      + "|\\b[a-z0-9-]+\\.(?:example|com|org|net|io|co|shop|store)\\b|settings\\s*>");
  private static final Pattern IN_CHAT = Pattern.compile("\\b(?:here|below|in (?:this|the) chat|in chat|in (?:a|your) (?:reply|message)|to (?:me|us)"
      + "|with (?:me|us))\\b");
  private static final Pattern NOT_THE_CARD = Pattern.compile("\\b(?:last|final|first)\\s+(?:4|four|6|six|two|2)\\b|\\b(?:gift|loyalty|membership"
      + "|rewards?|library|store|discount|points)\\s+$");
  private static final int MAX_WORDS_TO_OBJECT = 8;
  /** Ten words of generous length: past this no verb is looked at, whatever the word count. */
  private static final int MAX_CHARS_TO_OBJECT = 160;
  /** Characters read on each side of a mention: the farthest verb plus the negation window before it. */
  private static final int WINDOW = MAX_CHARS_TO_OBJECT + 100;

  private final Set<AskedSecret> neverAsk;

  SecretRequests(Set<AskedSecret> neverAsk) {
    this.neverAsk = Set.copyOf(neverAsk);
  }

  /** The first secret the text asks the customer for, if any. */
  Optional<AskedSecret> firstAskIn(String text) {
    String lower = normalise(text);
    for (String segment : segments(lower)) {
      for (AskedSecret secret : AskedSecret.values()) {
        if (neverAsk.contains(secret) && asksFor(secret, segment)) {
          return Optional.of(secret);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean asksFor(AskedSecret secret, String segment) {
    Matcher noun = NOUNS.get(secret).matcher(segment);
    Boolean elsewhere = null;
    while (noun.find()) {
      // Every shape is read within a window around the mention, so a long text costs linear time.
      int from = Math.max(0, noun.start() - WINDOW);
      String near = segment.substring(from, Math.min(segment.length(), noun.end() + WINDOW));
      int start = noun.start() - from;
      String before = near.substring(0, start);
      String after = near.substring(noun.end() - from);
      if (secret == AskedSecret.CARD_NUMBER && notTheCardItself(before)) {
        continue;
      }
      if (elsewhere == null) {
        elsewhere = sentElsewhere(segment);
      }
      boolean newOne = before.endsWith("new ") && (secret == AskedSecret.PASSWORD || secret == AskedSecret.PIN);
      if (requestedBefore(near, start, newOne, elsewhere) || questioned(before) || needed(near, start)
          || bare(from == 0 ? before : "x " + before, after) || requestedAfter(near, before, after, elsewhere)
          || ready(near, before, after, elsewhere)) {
        return true;
      }
    }
    return false;
  }

  /** "the last 4 digits of your card number" or a gift card's number: not the payment card itself. */
  private static boolean notTheCardItself(String before) {
    String near = before.substring(Math.max(0, before.length() - 40));
    return NOT_THE_CARD.matcher(near).find();
  }

  /** A request verb leads to the noun within a few words, in the same clause. */
  private static boolean requestedBefore(String segment, int nounStart, boolean newOne, boolean elsewhere) {
    List<int[]> verbs = new ArrayList<>();
    Matcher verb = VERB.matcher(segment);
    while (verb.find() && verb.end() <= nounStart) {
      verbs.add(new int[] {verb.start(), verb.end(), verb.group(1) != null ? 1 : 2});
    }
    Matcher gerund = GERUND.matcher(segment);
    while (gerund.find() && gerund.end() <= nounStart) {
      int group = gerund.group(1) != null ? 1 : 2;
      verbs.add(new int[] {gerund.start(group), gerund.end(group), group});
    }
    for (int[] found : verbs) {
      if (nounStart - found[1] > MAX_CHARS_TO_OBJECT) {
        continue; // cheap bound first, so a long run of verbs and nouns stays near linear
      }
      String between = segment.substring(found[1], nounStart);
      boolean telling = found[2] == 1;
      if (words(between) > MAX_WORDS_TO_OBJECT || NEW_CLAUSE.matcher(between).find()) {
        continue;
      }
      if (negatedOrSomeoneElse(segment, found[0])) {
        continue;
      }
      if (!telling && (newOne || elsewhere)) {
        continue;
      }
      return true;
    }
    return false;
  }

  private static boolean questioned(String wholeBefore) {
    String before = wholeBefore.substring(Math.max(0, wholeBefore.length() - MAX_CHARS_TO_OBJECT));
    Matcher question = QUESTION.matcher(before);
    int last = -1;
    while (question.find()) {
      last = question.end();
    }
    return last >= 0 && words(before.substring(last)) <= 5 && !NEW_CLAUSE.matcher(before.substring(last)).find()
        && !negatedOrSomeoneElse(before, last);
  }

  private static boolean needed(String segment, int nounStart) {
    Matcher need = NEED.matcher(segment);
    while (need.find() && need.end() <= nounStart) {
      if (nounStart - need.end() > MAX_CHARS_TO_OBJECT) {
        continue;
      }
      String between = segment.substring(need.end(), nounStart);
      if (words(between) <= MAX_WORDS_TO_OBJECT + 2 && !NEW_CLAUSE.matcher(between).find() && !negatedOrSomeoneElse(segment, need.start())
          && !NEGATION.matcher(between).find()) {
        return true;
      }
    }
    return false;
  }

  /** "Your card number?" or "Your PIN, please." standing alone. */
  private static boolean bare(String before, String after) {
    if (!BARE_PREFIX.matcher(before).matches() || !BARE_SUFFIX.matcher(after).matches()) {
      return false;
    }
    return before.contains("please") || after.contains("please") || after.contains("?");
  }

  /** "your PIN — please send it", "the code is required", "… is needed to continue". */
  private static boolean requestedAfter(String segment, String before, String after, boolean elsewhere) {
    Matcher pronoun = PRONOUN_AFTER.matcher(after);
    if (pronoun.find() && !negatedOrSomeoneElse(segment, before.length() + (segment.length() - before.length() - after.length())
        + pronoun.start(pronoun.group(1) != null ? 1 : 2)) && (pronoun.group(1) != null || !elsewhere)) {
      return true;
    }
    return PASSIVE_NEED.matcher(after).find() && !NEGATION.matcher(after.substring(0, Math.min(after.length(), 30))).find()
        && !negatedOrSomeoneElse(segment, segment.length() - after.length()) && !elsewhere;
  }

  /** "Have your card number ready." */
  private static boolean ready(String segment, String before, String after, boolean elsewhere) {
    return HAVE_READY.matcher(before).find() && READY.matcher(after).find() && !elsewhere
        && !negatedOrSomeoneElse(segment, before.length());
  }

  /** A negation in the clause before {@code at} (read back to the nearest "please", "just"…), or someone else asking. */
  private static boolean negatedOrSomeoneElse(String segment, int at) {
    String window = segment.substring(Math.max(0, at - 80), at);
    Matcher reset = RESET.matcher(window);
    int cut = 0;
    while (reset.find()) {
      cut = reset.end();
    }
    String clause = window.substring(cut);
    return NEGATION.matcher(clause).find() || THIRD_PARTY.matcher(clause).find();
  }

  /** The segment sends the customer to a form, page or app elsewhere, and not to this chat. */
  private static boolean sentElsewhere(String segment) {
    return ELSEWHERE.matcher(segment).find() && !IN_CHAT.matcher(segment).find();
  }

  private static int words(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }

  private static List<String> segments(String lower) {
    List<String> segments = new ArrayList<>();
    Matcher boundary = BOUNDARY.matcher(lower);
    int start = 0;
    while (boundary.find()) {
      // keep a "?" with its sentence: questions are read from it
      segments.add(lower.substring(start, boundary.group().startsWith("?") ? boundary.end() : boundary.start()));
      start = boundary.end();
    }
    segments.add(lower.substring(start));
    return segments;
  }

  /** Lower case with typographic apostrophes and dashes made plain, spaces collapsed. */
  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'').replace('‐', '-').replace('‑', '-')
        .replaceAll("[ \\t\\x0B\\f\\r\\u00A0]+", " ");
  }
}
