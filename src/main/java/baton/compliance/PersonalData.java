package baton.compliance;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What a feature that stores data about customers owes to data rights: hand it over, delete it on
 * request, and delete it when the retention policy says it has expired. Each feature implements this
 * over its own tables, so {@link DataRights} and {@link RetentionPurge} never touch them directly.
 * Every method runs on the caller's handle, inside the caller's transaction.
 */
public interface PersonalData {
  /**
   * This feature's data of one customer record, as JSON-ready values (maps, lists, strings, numbers)
   * under section names; merged with the other features' sections into the export.
   */
  Map<String, Object> export(Handle handle, DataSubject subject);

  /** Deletes this feature's data of one customer record; returns rows deleted per section name. */
  Map<String, Integer> erase(Handle handle, DataSubject subject);

  /**
   * Deletes what the policy says has expired at {@code now}, never data of a conversation that is still
   * open, queued or with an agent; returns rows deleted per section name.
   */
  Map<String, Integer> purge(Handle handle, RetentionPolicy policy, Instant now);
}
