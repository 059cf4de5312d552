package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * Checks every message the bot is about to send against the spec's safety rules, so that nothing the
 * bot says can be the opening of a scam or an answer it must not give:
 *
 * <ol>
 *   <li><b>Never ask for a secret</b> on the {@code neverAsk} list: passwords, full card numbers,
 *       security codes, one-time codes, PINs … ({@link SecretRequests} tells asking from talking about:
 *       "we will never ask for your password" passes, "what is your password?" does not).
 *   <li><b>Never disclose a secret</b>: a message that itself holds a card number, key, IBAN or a spec
 *       custom pattern (an article that quotes a real card, an FAQ with a live key) is not repeated.
 *   <li><b>Never answer a no-go topic</b>: the caller says what the message is about
 *       ({@link NoGoTopics}: the topic classifier on the text, the cited article's topic), since
 *       topics live in the spec and the knowledge, which this package does not know.
 * </ol>
 *
 * The first rule that fires decides; the verdict names it and never holds the text. Immutable and
 * thread-safe: one guard per spec, rebuilt when the spec reloads.
 */
public final class OutputGuard {
  /** What a message is about, as far as no-go topics go: the no-go topic's id, or empty. */
  @FunctionalInterface
  public interface NoGoTopics {
    NoGoTopics NONE = text -> Optional.empty();

    Optional<String> about(String text);
  }

  private final Set<AskedSecret> neverAsk;
  private final SecretRequests requests;
  private final SecretScanner secrets;

  /**
   * @param neverAsk what the bot must never ask for
   * @param secrets the scanner in force (with the spec's custom patterns) for rule 2
   */
  public OutputGuard(Set<AskedSecret> neverAsk, SecretScanner secrets) {
    this.neverAsk = Set.copyOf(neverAsk);
    this.requests = new SecretRequests(this.neverAsk);
    this.secrets = requireNonNull(secrets, "secrets");
  }

  /** Every rule, the standard scanner: what applies when a spec says nothing about safety. */
  public static OutputGuard standard() {
    return new OutputGuard(AskedSecret.ALL, SecretScanner.standard());
  }

  public Set<AskedSecret> neverAsk() {
    return neverAsk;
  }

  /** Rules 1 and 2 only: for fixed copy (greetings, checklist questions) that no topic applies to. */
  public GuardVerdict check(String text) {
    return check(text, NoGoTopics.NONE);
  }

  public GuardVerdict check(String text, NoGoTopics topics) {
    requireNonNull(text, "text");
    requireNonNull(topics, "topics");
    Optional<AskedSecret> asked = requests.firstAskIn(text);
    if (asked.isPresent()) {
      return new GuardVerdict.AsksForSecret(asked.get());
    }
    Optional<SecretKind> disclosed = secrets.scan(text).stream().map(Finding::kind).filter(SecretKind::isSecret).findFirst();
    if (disclosed.isPresent()) {
      return new GuardVerdict.DisclosesSecret(disclosed.get());
    }
    Optional<String> noGo = topics.about(text);
    if (noGo.isPresent()) {
      return new GuardVerdict.AnswersNoGoTopic(noGo.get());
    }
    return new GuardVerdict.Allowed();
  }
}
