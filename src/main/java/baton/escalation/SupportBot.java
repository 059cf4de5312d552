package baton.escalation;

import baton.knowledge.Candidate;
import baton.knowledge.Passage;
import baton.knowledge.Retrieval;
import baton.routing.Team;
import baton.signals.HumanRequestDetector;
import baton.spec.BotSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one customer turn. Rules, in order:
 *
 * <ol>
 *   <li>an explicit ask for a person hands off at once;
 *   <li>a reply to the bot's clarifying question that picks one of its options is answered from it;
 *   <li>hybrid retrieval finds candidates and the confidence model turns them into the probability that
 *       the best is right: at or above the answer bound the bot quotes it; between the bounds it offers
 *       the top two or three topics; below, or with nothing found, it admits it and hands off.
 * </ol>
 *
 * It never writes text of its own beyond the spec's copy and quoted passages. Thread-safe; each turn
 * reads one consistent spec, knowledge and policy, so a reload applies from the next turn on.
 */
public final class SupportBot {
  private static final Logger log = LoggerFactory.getLogger(SupportBot.class);
  private static final int CANDIDATES = 5;
  private static final int MAX_OPTIONS = 3;
  private static final Pattern CHOICE = Pattern.compile(
      "^\\s*(?:(?:option|number|no\\.?|#)\\s*)?(\\d|first|second|third|the first|the second|the third)(?:\\s*(?:one|option|please))?\\s*[.!]?\\s*$",
      Pattern.CASE_INSENSITIVE);

  private final Supplier<LiveBrain.Brain> brain;
  private final HumanRequestDetector humanRequests;

  public SupportBot(Supplier<LiveBrain.Brain> brain, HumanRequestDetector humanRequests) {
    this.brain = brain;
    this.humanRequests = humanRequests;
  }

  public String name() {
    return brain.get().spec().botName();
  }

  public String greeting() {
    return brain.get().spec().greeting();
  }

  /** A turn with no clarifying question pending. */
  public Decision respond(String customerText) {
    return respond(customerText, List.of());
  }

  /**
   * @param offeredUrls the citation URLs of the options the bot offered in its last message, when that
   *     message was a clarifying question; otherwise empty
   */
  public Decision respond(String customerText, List<String> offeredUrls) {
    LiveBrain.Brain now = brain.get();
    BotSpec spec = now.spec();
    BotPolicy policy = now.policy();
    Team team = spec.team(spec.defaultTeam());
    if (humanRequests.isHumanRequest(customerText)) {
      return logged(new Decision.HandOff(HandoffReason.HUMAN_REQUEST, "The customer asked for a person.", team,
          handoffCopy(spec.handoffMessage(), team), Evidence.withoutRetrieval("human request", policy)));
    }
    Optional<Passage> chosen = chosenOption(customerText, offeredUrls, now);
    if (chosen.isPresent()) {
      return logged(new Decision.Answer(chosen.get().text(), List.of(chosen.get()),
          Evidence.withoutRetrieval("picked an offered option", policy)));
    }
    Retrieval retrieval = now.knowledge().retrieve(customerText, CANDIDATES);
    double probability = policy.confidence().probability(retrieval);
    if (retrieval.best().isPresent() && probability >= policy.answerAbove()) {
      Passage best = retrieval.best().get().passage();
      return logged(new Decision.Answer(best.text(), List.of(best),
          Evidence.of("probability at or above the answer bound", probability, policy, retrieval)));
    }
    List<Passage> options = distinctTopics(retrieval);
    if (options.size() >= 2 && probability >= policy.clarifyAbove()) {
      return logged(new Decision.Clarify(clarifyText(spec.confidence().clarifyMessage(), options), options,
          Evidence.of("probability between the bounds", probability, policy, retrieval)));
    }
    Evidence evidence = Evidence.of(retrieval.best().isEmpty() ? "nothing in the knowledge matched"
        : "probability below the clarify bound", probability, policy, retrieval);
    return logged(new Decision.HandOff(HandoffReason.LOW_CONFIDENCE, evidence.summary(), team,
        spec.noAnswerMessage() + " " + handoffCopy(spec.handoffMessage(), team), evidence));
  }

  private static Decision logged(Decision decision) {
    log.info("bot decision {}: {}", decision.getClass().getSimpleName(), decision.evidence().summary());
    return decision;
  }

  /** The customer answered "2", "the first one" or with an option's name. */
  private static Optional<Passage> chosenOption(String text, List<String> offeredUrls, LiveBrain.Brain now) {
    if (offeredUrls.isEmpty()) {
      return Optional.empty();
    }
    List<Passage> offered = new ArrayList<>();
    for (String url : offeredUrls) {
      now.knowledge().passage(url).ifPresent(offered::add);
    }
    Matcher choice = CHOICE.matcher(text);
    if (choice.matches()) {
      int index = switch (choice.group(1).toLowerCase(Locale.ROOT).replace("the ", "")) {
        case "first" -> 1;
        case "second" -> 2;
        case "third" -> 3;
        default -> Integer.parseInt(choice.group(1));
      };
      return index >= 1 && index <= offered.size() ? Optional.of(offered.get(index - 1)) : Optional.empty();
    }
    String said = normalise(text);
    return offered.stream().filter(passage -> said.equals(normalise(passage.heading()))
        || said.equals(normalise(passage.articleTitle() + " " + passage.heading()))).findFirst();
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static List<Passage> distinctTopics(Retrieval retrieval) {
    List<Passage> options = new ArrayList<>();
    for (Candidate candidate : retrieval.candidates()) {
      if (options.size() < MAX_OPTIONS && !options.contains(candidate.passage())) {
        options.add(candidate.passage());
      }
    }
    return options;
  }

  private static String clarifyText(String lead, List<Passage> options) {
    var text = new StringBuilder(lead);
    for (int i = 0; i < options.size(); i++) {
      Passage option = options.get(i);
      String title = option.heading().equals(option.articleTitle()) ? option.articleTitle()
          : option.articleTitle() + " › " + option.heading();
      text.append('\n').append(i + 1).append(". ").append(title);
    }
    return text.append("\nReply with a number, or ask in other words.").toString();
  }

  static String handoffCopy(String template, Team team) {
    return template.replace("{team}", team.name()).replace("{minutes}", Integer.toString(team.typicalReplyMinutes()));
  }
}
