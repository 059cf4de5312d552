package baton.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one sync of one source did, by article slug, and the source's articles afterwards. A document
 * in {@code errors} was skipped: its last good version, if any, is still among {@code articles}.
 */
public record SyncReport(
    String sourceId,
    List<String> added,
    List<String> changed,
    List<String> deleted,
    List<String> unchanged,
    List<SyncError> errors,
    List<Article> articles) {
  public SyncReport {
    requireNonNull(sourceId, "sourceId");
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    deleted = List.copyOf(deleted);
    unchanged = List.copyOf(unchanged);
    errors = List.copyOf(errors);
    articles = List.copyOf(articles);
  }

  /** Whether the index must be rebuilt: an article came, went or changed. */
  public boolean changedAnything() {
    return !added.isEmpty() || !changed.isEmpty() || !deleted.isEmpty();
  }

  public int addedCount() {
    return added.size();
  }

  public int changedCount() {
    return changed.size();
  }

  public int deletedCount() {
    return deleted.size();
  }

  public int unchangedCount() {
    return unchanged.size();
  }
}
