package baton.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * How load customers word their messages, and the record of the texts a run sent.
 *
 * <p>Unique mode (the default) wraps each question of the {@link QuestionMix} the way real customers
 * do, without changing what they ask: a lead-in ("hi,", "quick question:", none), the question with
 * or without its question mark, and a tail, either a sign-off with the customer's name ("thanks,
 * Priya K.") or an order reference ("(order #4821937)"). A text already sent in this run is drawn
 * again; after a few misses the tail becomes an order reference whose number comes from a counter
 * (an affine permutation of 1,000,000–9,999,999), so every text of a run differs from every earlier
 * one. The server caches sentence vectors per text; with repeated texts a warmed-up run never pays
 * for the embedding, which real traffic pays on nearly every message. Human requests keep their
 * words and get a tail only. A salt per run (the start time by default) varies the draws, so runs
 * against one server (a series) do not repeat each other's texts either.
 *
 * <p>The lists are chosen so that the demo bot decides about as it does on the bare questions: on single
 * turns (baton eval scenarios, 480 wordings of the 40 questions) answer / clarify / handoff were 68 / 25 / 7 %
 * against 70 / 23 / 5 % bare. Lead-ins naming the bot ("hi Sam,") and order references, whose words
 * ("order") pull retrieval towards the order articles, moved the most, so the first is left out and the
 * second kept rare.
 *
 * <p>Nothing here looks like a secret to the server's scanner: names have no digits, order numbers
 * have 7 digits (cards have 13–19), and no word names a password, a code or a card. Names avoid the
 * demo's policy keywords ("Sue" is a legal threat to the keyword matcher) and the demo agents' names.
 *
 * <p>Repeat mode ({@code --repeat-texts}) sends the questions and human requests as they are.
 * Thread-safe: the set of texts sent and the counters are concurrent.
 */
final class CustomerWording {
  static final List<String> LEAD_INS = List.of("", "hi, ", "hello, ", "hello there, ", "hey, ", "hi there! ", "quick question: ",
      "good morning, ", "good evening, ", "excuse me, ");
  static final List<String> SIGN_OFFS = List.of("thanks, %s", "thank you, %s", "cheers, %s", "- %s", "many thanks, %s",
      "thanks in advance, %s", "regards, %s", "thx %s");
  static final List<String> ORDER_REFERENCES = List.of("(order #%d)", "for order #%d");
  static final List<String> NAMES = List.of("Priya", "Tomasz", "Aisha", "Lukas", "Mei", "Diego", "Fatima", "Oliver", "Ingrid",
      "Kwame", "Sofia", "Hiroshi", "Amara", "Mateo", "Chloe", "Arjun", "Leila", "Niamh", "Jonas", "Yuki", "Zainab", "Pablo", "Freya",
      "Omar", "Elena", "Kofi", "Hannah", "Ravi", "Ines", "Sven", "Maya", "Tariq", "Lucia", "Emeka", "Astrid", "Kenji", "Nadia", "Felix",
      "Ana", "Bogdan", "Siobhan", "Rahul", "Camille", "Dmitri", "Olga", "Thabo", "Isla", "Mohammed", "Greta", "Jamal", "Rosa", "Ahmed",
      "Elif", "Marco", "Sana", "Henrik", "Beatriz", "Tunde", "Linnea", "Nikhil", "Carmen", "Wei", "Noor", "Emil");
  /** Share of question texts that carry an order reference rather than a sign-off or nothing. */
  static final double ORDER_REFERENCE_SHARE = 0.05;
  /** Share of question texts with neither; most of these are drawn again once the run is warm. */
  static final double BARE_SHARE = 0.15;
  private static final int DRAWS = 6;
  private static final long ORDER_NUMBERS = 9_000_000;
  /** Odd, not a multiple of 3 or 5: coprime to {@link #ORDER_NUMBERS}, so n -> n * STRIDE is a permutation. */
  private static final long STRIDE = 7_919_393;
  private static final int EXAMPLES = 6;

  private final boolean unique;
  private final long salt;
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final LongAdder sentCount = new LongAdder();
  private final AtomicLong orderCounter = new AtomicLong();
  private final List<String> examples = Collections.synchronizedList(new ArrayList<>());

  CustomerWording(boolean unique, long salt) {
    this.unique = unique;
    this.salt = salt;
  }

  boolean unique() {
    return unique;
  }

  long salt() {
    return salt;
  }

  /** How one customer signs off, the same in each of their messages: "Priya" or "Priya K.". */
  String signature(RandomGenerator random) {
    String name = NAMES.get(random.nextInt(NAMES.size()));
    return random.nextBoolean() ? name : name + " " + (char) ('A' + random.nextInt(26)) + ".";
  }

  /** The text of one question, recorded as sent. */
  String question(String question, String signature, RandomGenerator random) {
    if (!unique) {
      return record(question);
    }
    String body = question.strip();
    boolean asked = body.endsWith("?");
    if (asked) {
      body = body.substring(0, body.length() - 1).strip();
    }
    for (int draw = 0; draw < DRAWS; draw++) {
      String leadIn = LEAD_INS.get(random.nextInt(LEAD_INS.size()));
      String said = leadIn.isEmpty() ? capitalisedOrNot(body, random) : lowerFirst(body);
      boolean questionMark = random.nextDouble() < 0.6;
      String sentence = leadIn + said + (questionMark ? "?" : "");
      double tail = random.nextDouble();
      String text;
      if (tail < ORDER_REFERENCE_SHARE) {
        text = withTail(sentence, questionMark, orderReference(random));
      } else if (tail < ORDER_REFERENCE_SHARE + BARE_SHARE) {
        text = sentence;
      } else {
        text = withTail(sentence, questionMark, signOff(signature, random));
      }
      if (sent.add(text)) {
        return counted(text);
      }
    }
    return fallback(leadInFree(body, asked), random);
  }

  /** The text of one request for a person: its words as they are, and in unique mode a tail. */
  String askForAPerson(String request, String signature, RandomGenerator random) {
    if (!unique) {
      return record(request);
    }
    for (int draw = 0; draw < DRAWS; draw++) {
      String text = withTail(request, false, signOff(signature, random));
      if (sent.add(text)) {
        return counted(text);
      }
    }
    return fallback(request, random);
  }

  /** An order reference is new on every call, so this always ends with a text not sent before. */
  private String fallback(String sentence, RandomGenerator random) {
    while (true) {
      String text = withTail(sentence, sentence.endsWith("?"), orderReference(random));
      if (sent.add(text)) {
        return counted(text);
      }
    }
  }

  private String orderReference(RandomGenerator random) {
    long number = 1_000_000 + Math.floorMod(salt + orderCounter.getAndIncrement() * STRIDE, ORDER_NUMBERS);
    return String.format(Locale.ROOT, ORDER_REFERENCES.get(random.nextInt(ORDER_REFERENCES.size())), number);
  }

  private static String signOff(String signature, RandomGenerator random) {
    return String.format(Locale.ROOT, SIGN_OFFS.get(random.nextInt(SIGN_OFFS.size())), signature);
  }

  private static String withTail(String sentence, boolean endsAsked, String tail) {
    return sentence + (endsAsked || tail.startsWith("(") || tail.startsWith("-") ? " " : ", ") + tail;
  }

  private static String leadInFree(String body, boolean asked) {
    return body + (asked ? "?" : "");
  }

  private static String capitalisedOrNot(String body, RandomGenerator random) {
    return random.nextBoolean() ? Character.toUpperCase(body.charAt(0)) + body.substring(1) : lowerFirst(body);
  }

  /** "Do you price match" after a lead-in reads "do you price match"; "I forgot …" keeps its capital. */
  private static String lowerFirst(String body) {
    if (body.startsWith("I ") || body.startsWith("I'")) {
      return body;
    }
    return Character.toLowerCase(body.charAt(0)) + body.substring(1);
  }

  private String record(String text) {
    sent.add(text);
    return counted(text);
  }

  private String counted(String text) {
    sentCount.increment();
    if (examples.size() < EXAMPLES) {
      synchronized (examples) {
        if (examples.size() < EXAMPLES) {
          examples.add(text);
        }
      }
    }
    return text;
  }

  long textsSent() {
    return sentCount.sum();
  }

  long distinctTexts() {
    return sent.size();
  }

  /** Distinct texts over texts sent; 1 when nothing repeated. */
  double uniqueShare() {
    long count = textsSent();
    return count == 0 ? 1 : (double) distinctTexts() / count;
  }

  List<String> examples() {
    synchronized (examples) {
      return List.copyOf(examples);
    }
  }
}
