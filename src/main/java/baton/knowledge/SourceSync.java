package baton.knowledge;

import java.util.List;

/**
 * One knowledge source kept in step with where its documents live. {@link #sync()} brings the
 * source's articles up to date and says what changed; {@link #articles()} is the result of the last
 * sync (empty before the first). Implementations are thread-safe: syncs of one source run one at a
 * time, and readers see the articles of the last finished sync.
 */
public sealed interface SourceSync permits FolderSync, WebSync {
  String sourceId();

  /** {@code folder}, {@code files} or {@code web}. */
  String kind();

  SyncReport sync();

  List<Article> articles();
}
