package baton.agent;

import java.util.List;

/**
 * The ready-made replies agents may start from, as the bot spec defines them; Main adapts the live
 * spec to it, so a spec edit reaches the console without a restart.
 */
public interface CannedReplies {

  /** One reply; {@code {customer}} and {@code {agent}} in its text are filled in by the console. */
  record Reply(String id, String title, String text) {}

  List<Reply> all();

  CannedReplies NONE = List::of;
}
