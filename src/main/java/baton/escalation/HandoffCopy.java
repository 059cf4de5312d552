package baton.escalation;

import baton.routing.Team;
import baton.spec.EscalationSpec;

/**
 * Fills a handoff template. Placeholders: {@code {team}}, {@code {tier}}, {@code {channel}} (in
 * words), {@code {wait}} ("about 5 minutes", "about 4 hours") and, for older specs, {@code {minutes}}.
 * The wait is the tier's target until routing provides a live estimate. Stateless.
 */
public final class HandoffCopy {
  private HandoffCopy() {}

  public static String fill(String template, EscalationSpec.Tier tier, Team team) {
    return template.replace("{team}", team.name())
        .replace("{tier}", tier.name())
        .replace("{channel}", channel(tier.channel()))
        .replace("{wait}", wait(tier.targetMinutes()))
        .replace("{minutes}", Integer.toString(tier.targetMinutes()));
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
