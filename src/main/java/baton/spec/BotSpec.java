package baton.spec;

import static java.util.Objects.requireNonNull;

import baton.compliance.AskedSecret;
import baton.compliance.CustomPattern;
import baton.routing.Team;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated bot spec. Paths are already resolved against the spec file's folder.
 *
 * @param confidence when the bot answers, asks which topic was meant, or hands off
 */
public record BotSpec(
    Path source,
    String botName,
    String greeting,
    String acknowledgement,
    List<Path> knowledgeFolders,
    List<Path> faqFiles,
    List<WebSourceSpec> webSources,
    ConfidencePolicy confidence,
    String defaultTeam,
    String handoffMessage,
    String noAnswerMessage,
    List<Team> teams,
    EscalationSpec escalation,
    List<CannedReply> cannedReplies,
    Retention retention,
    Safety safety) {
  public BotSpec {
    requireNonNull(source, "source");
    requireNonNull(botName, "botName");
    requireNonNull(greeting, "greeting");
    requireNonNull(acknowledgement, "acknowledgement");
    requireNonNull(confidence, "confidence");
    knowledgeFolders = List.copyOf(knowledgeFolders);
    faqFiles = List.copyOf(faqFiles);
    webSources = List.copyOf(webSources);
    requireNonNull(defaultTeam, "defaultTeam");
    requireNonNull(handoffMessage, "handoffMessage");
    requireNonNull(noAnswerMessage, "noAnswerMessage");
    teams = List.copyOf(teams);
    requireNonNull(escalation, "escalation");
    cannedReplies = List.copyOf(cannedReplies);
    requireNonNull(retention, "retention");
    requireNonNull(safety, "safety");
  }

  /**
   * How long each kind of data is kept after its conversation closed (webhook deliveries and audit
   * entries: after they were written); empty means for good. Defaults in {@link #defaults()} and
   * docs/bot-spec.md.
   */
  public record Retention(Optional<java.time.Duration> transcripts, Optional<java.time.Duration> packets,
      Optional<java.time.Duration> decisions, Optional<java.time.Duration> webhookDeliveries, Optional<java.time.Duration> audit) {
    public Retention {
      requireNonNull(transcripts, "transcripts");
      requireNonNull(packets, "packets");
      requireNonNull(decisions, "decisions");
      requireNonNull(webhookDeliveries, "webhookDeliveries");
      requireNonNull(audit, "audit");
    }

    /**
     * A year for what customers and the bot said, a month for delivery bookkeeping (the helpdesk has the
     * ticket by then), seven years for the audit trail (a common limit for business records).
     */
    public static Retention defaults() {
      return new Retention(Optional.of(java.time.Duration.ofDays(365)), Optional.of(java.time.Duration.ofDays(365)),
          Optional.of(java.time.Duration.ofDays(365)), Optional.of(java.time.Duration.ofDays(30)), Optional.of(java.time.Duration.ofDays(2555)));
    }
  }

  /**
   * What the output guard holds the bot to, and the shop's own sensitive patterns.
   *
   * @param neverAsk what no bot message may ask the customer for
   * @param blockedTier the tier a conversation goes to when the guard stops a message
   * @param blockedMessage what the customer is told instead, before the tier's handoff copy
   * @param customPatterns masked in everything anyone writes, like the built-in secrets
   */
  public record Safety(java.util.Set<AskedSecret> neverAsk, String blockedTier, String blockedMessage, List<CustomPattern> customPatterns) {
    /** Said when a message is stopped: honest about why, without repeating what was stopped. */
    public static final String DEFAULT_BLOCKED_MESSAGE =
        "I can't answer that one safely myself, so I'm bringing in a person from our team instead.";

    public Safety {
      neverAsk = java.util.Set.copyOf(neverAsk);
      requireNonNull(blockedTier, "blockedTier");
      requireNonNull(blockedMessage, "blockedMessage");
      customPatterns = List.copyOf(customPatterns);
    }
  }

  /**
   * The answer policy on the calibrated probability that the best answer is right. Either fixed
   * bounds, or a target precision from which the answer bound is fitted on labelled questions.
   *
   * @param answerAbove answer at or above this probability (used as given when no validation file)
   * @param clarifyAbove between this and the answer bound, offer the top topics as choices
   * @param targetPrecision with a validation file: fit the answer bound to reach this precision
   * @param validationFile CSV {@code question,expected}; expected is an article slug, slug#anchor, or
   *     {@code none} for questions the bot must hand off
   * @param clarifyMessage the lead-in of the clarifying question
   */
  public record ConfidencePolicy(double answerAbove, double clarifyAbove, Optional<Double> targetPrecision,
      Optional<Path> validationFile, String clarifyMessage) {
    public ConfidencePolicy {
      requireNonNull(targetPrecision, "targetPrecision");
      requireNonNull(validationFile, "validationFile");
      requireNonNull(clarifyMessage, "clarifyMessage");
    }
  }

  /** A website to learn from; see docs/knowledge-sources.md. */
  public record WebSourceSpec(String id, List<java.net.URI> urls, List<java.net.URI> sitemaps, List<String> include,
      List<String> exclude, java.time.Duration pollInterval) {
    public WebSourceSpec {
      requireNonNull(id, "id");
      urls = List.copyOf(urls);
      sitemaps = List.copyOf(sitemaps);
      include = List.copyOf(include);
      exclude = List.copyOf(exclude);
      requireNonNull(pollInterval, "pollInterval");
    }
  }

  /** A ready-made agent reply; {@code {customer}} and {@code {agent}} are filled in by the console. */
  public record CannedReply(String id, String title, String text) {
    public CannedReply {
      requireNonNull(id, "id");
      requireNonNull(title, "title");
      requireNonNull(text, "text");
    }
  }

  public Team team(String id) {
    return teams.stream().filter(team -> team.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no team " + id + " in " + source));
  }
}
