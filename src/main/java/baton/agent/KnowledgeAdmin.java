package baton.agent;

import java.util.List;
import java.util.Map;

/**
 * What supervisors and admins may see and do about the bot's knowledge from the console, without the
 * agent feature knowing how knowledge works. Main adapts the live brain to it.
 */
public interface KnowledgeAdmin {

  /** Each source's sync status (id, kind, last run, documents, errors, progress), plus any load problems. */
  Map<String, Object> status();

  /** Re-reads the spec and every source now; returns the status after it. */
  Map<String, Object> syncNow();

  /** Problems that kept the last reload from going live or left documents out; empty when none. */
  List<String> problems();
}
