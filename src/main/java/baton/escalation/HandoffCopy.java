package baton.escalation;

import baton.routing.QueueWaits;
import baton.routing.Team;
import java.time.Duration;
import java.util.Optional;
import baton.spec.EscalationSpec;

/**
 * Fills a handoff template. Placeholders: {@code {team}}, {@code {tier}}, {@code {channel}} (in
 * words), {@code {wait}} ("about 5 minutes", "about 4 hours"), {@code {position}} (place in line) and,
 * for older specs, {@code {minutes}}. The wait is the live estimate when routing has one, else the
 * tier's target. Stateless.
 */
public final class HandoffCopy {
  private HandoffCopy() {}

  public static String fill(String template, EscalationSpec.Tier tier, Team team) {
    return fill(template, tier, team, Optional.empty());
  }

  /**
   * With a live estimate for a live channel, {@code {wait}} is the estimate (never more generous than
   * it: rounded up to the minute) and {@code {position}} the place in line; without one, the tier's
   * target and "a few".
   */
  public static String fill(String template, EscalationSpec.Tier tier, Team team, Optional<QueueWaits.Estimate> live) {
    return fill(template, tier, team, live, java.time.Instant.now());
  }

  /**
   * As above at {@code now}. When the team is closed, the copy opens by saying so and when it opens,
   * and {@code {wait}} counts from now to the opening plus the tier's target: the honest promise.
   */
  public static String fill(String template, EscalationSpec.Tier tier, Team team, Optional<QueueWaits.Estimate> live,
      java.time.Instant now) {
    Optional<Duration> estimate = live.filter(any -> tier.channel().isLive()).flatMap(QueueWaits.Estimate::expectedWait);
    int minutes = estimate.map(wait -> (int) Math.max(1, (wait.toSeconds() + 59) / 60)).orElse(tier.targetMinutes());
    String closed = "";
    Optional<java.time.ZonedDateTime> opensAt = live.filter(any -> tier.channel().isLive()).flatMap(QueueWaits.Estimate::opensAt);
    if (opensAt.isPresent() && team.hours().isPresent()) {
      long untilOpen = Math.max(0, Duration.between(now, opensAt.get().toInstant()).toMinutes());
      minutes = (int) Math.min(Integer.MAX_VALUE, untilOpen + tier.targetMinutes());
      closed = "The " + team.name() + " team is away right now and back at "
          + team.hours().get().describeOpening(opensAt.get(), now) + ". ";
    }
    String position = live.map(known -> Integer.toString(known.position())).orElse("a few");
    return closed + template.replace("{team}", team.name())
        .replace("{tier}", tier.name())
        .replace("{channel}", channel(tier.channel()))
        .replace("{wait}", wait(minutes))
        .replace("{position}", position)
        .replace("{minutes}", Integer.toString(minutes));
  }

  /**
   * When a reply is due on a tier that answers later (email, ticket): the moment of the handoff plus
   * the tier's target. That is what the copy ({@code {wait}} is the target for these channels, whatever
   * the business hours) and the confirmation mail promise, so ticket lists and helpdesk webhooks that
   * use this show the customer's own deadline.
   */
  public static java.time.Instant replyDue(EscalationSpec.Tier tier, java.time.Instant handedOffAt) {
    return handedOffAt.plus(Duration.ofMinutes(tier.targetMinutes()));
  }

  /** "about 5 minutes", "about 4 hours", "about 2 days". */
  public static String wait(int minutes) {
    if (minutes < 90) {
      return "about " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
    if (minutes < 48 * 60) {
      long hours = Math.round(minutes / 60.0);
      return "about " + hours + " hours";
    }
    return "about " + Math.round(minutes / 1440.0) + " days";
  }

  private static String channel(EscalationSpec.Channel channel) {
    return switch (channel) {
      case LIVE_CHAT -> "live chat";
      case PHONE_CALLBACK -> "a phone call";
      case EMAIL -> "email";
      case TICKET -> "a ticket";
    };
  }
}
