package baton.agent;

import java.util.Optional;

/**
 * The display names of the bot spec's tiers ("Priority" for {@code urgent}), so the console's queue can
 * say which tier a conversation waits in without the agent feature reading the spec. Main adapts the live
 * spec to it, so a renamed tier shows at once. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TierNames {

  /** The tier's name, or empty for an id the spec no longer has. */
  Optional<String> nameOf(String tierId);

  TierNames NONE = tierId -> Optional.empty();
}
