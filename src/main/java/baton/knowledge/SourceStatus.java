package baton.knowledge;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one knowledge source's syncing stands, for the admin API and the CLI's progress bar.
 * {@code lastStarted} is empty until the source's first sync starts, {@code lastFinished} until one
 * finishes. {@code documents} and {@code errors} are from the last finished sync; while
 * {@code running}, {@code done} of {@code total} documents of the current sync are through
 * ({@code total} can grow while a web source discovers pages).
 */
public record SourceStatus(
    String sourceId,
    String kind,
    Optional<Instant> lastStarted,
    Optional<Instant> lastFinished,
    int documents,
    List<String> errors,
    boolean running,
    int done,
    int total) {
  public SourceStatus {
    requireNonNull(sourceId, "sourceId");
    requireNonNull(kind, "kind");
    requireNonNull(lastStarted, "lastStarted");
    requireNonNull(lastFinished, "lastFinished");
    errors = List.copyOf(errors);
  }

  static SourceStatus idle(String sourceId, String kind) {
    return new SourceStatus(sourceId, kind, Optional.empty(), Optional.empty(), 0, List.of(), false, 0, 0);
  }
}
