package baton.knowledge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The live status of every knowledge source, updated by the syncs as they run and read by the admin
 * API and the CLI. Each update replaces the source's immutable {@link SourceStatus} atomically, so a
 * reader sees one consistent snapshot per source, never a half-written one. Thread-safe.
 */
public final class SyncStatuses {
  private final Clock clock;
  private final Map<String, SourceStatus> statuses = new ConcurrentSkipListMap<>();

  public SyncStatuses(Clock clock) {
    this.clock = clock;
  }

  /** Lists a source before its first sync, so the admin API shows it as never synced. */
  public void register(String sourceId, String kind) {
    statuses.putIfAbsent(sourceId, SourceStatus.idle(sourceId, kind));
  }

  public Optional<SourceStatus> status(String sourceId) {
    return Optional.ofNullable(statuses.get(sourceId));
  }

  /** All sources, ordered by id. */
  public List<SourceStatus> all() {
    return new ArrayList<>(statuses.values());
  }

  void started(String sourceId, String kind, int total) {
    statuses.compute(sourceId, (id, old) -> {
      SourceStatus last = old == null ? SourceStatus.idle(id, kind) : old;
      return new SourceStatus(id, kind, Optional.of(clock.instant()), last.lastFinished(), last.documents(), last.errors(),
          true, 0, total);
    });
  }

  void progress(String sourceId, int done, int total) {
    statuses.computeIfPresent(sourceId, (id, old) -> new SourceStatus(id, old.kind(), old.lastStarted(),
        old.lastFinished(), old.documents(), old.errors(), old.running(), done, total));
  }

  void finished(String sourceId, int documents, List<SyncError> errors) {
    statuses.computeIfPresent(sourceId, (id, old) -> new SourceStatus(id, old.kind(), old.lastStarted(),
        Optional.of(clock.instant()), documents, errors.stream().map(SyncError::toString).toList(), false, old.total(),
        old.total()));
  }
}
