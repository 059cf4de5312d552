package baton.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All knowledge sources of one bot, synced together: the caller syncs, and when any report
 * {@link SyncReport#changedAnything() changed anything} builds a new index from {@link #articles()}
 * ({@code KnowledgeBase.of(sync.articles())}) and swaps it in. A source that throws is reported as an
 * error of that source and keeps its last articles; it never stops the others. When two sources give
 * the same slug, the source listed first keeps it, so a web page can never shadow a local article.
 * Thread-safe: each source serialises its own syncs.
 */
public final class KnowledgeSync {
  private final List<SourceSync> sources;

  public KnowledgeSync(List<SourceSync> sources) {
    this.sources = List.copyOf(sources);
  }

  public List<SourceSync> sources() {
    return sources;
  }

  public Optional<SourceSync> source(String sourceId) {
    return sources.stream().filter(source -> source.sourceId().equals(sourceId)).findFirst();
  }

  /** Syncs every source, in order. */
  public List<SyncReport> syncAll() {
    List<SyncReport> reports = new ArrayList<>();
    for (SourceSync source : sources) {
      reports.add(sync(source));
    }
    return reports;
  }

  /** Syncs the folders and files, and the web sources whose poll interval has passed. */
  public List<SyncReport> syncDue() {
    List<SyncReport> reports = new ArrayList<>();
    for (SourceSync source : sources) {
      boolean due = switch (source) {
        case FolderSync folder -> true;
        case WebSync web -> web.isDue();
      };
      if (due) {
        reports.add(sync(source));
      }
    }
    return reports;
  }

  /** Syncs one source; a source that throws is reported as an error of that source and keeps its last articles. */
  public SyncReport sync(SourceSync source) {
    try {
      return source.sync();
    } catch (RuntimeException e) {
      return new SyncReport(source.sourceId(), List.of(), List.of(), List.of(), List.of(),
          List.of(new SyncError(source.sourceId(), "sync failed: " + e)), source.articles());
    }
  }

  /** Every source's articles, one per slug. */
  public List<Article> articles() {
    Map<String, Article> bySlug = new LinkedHashMap<>();
    for (SourceSync source : sources) {
      for (Article article : source.articles()) {
        bySlug.putIfAbsent(article.slug(), article);
      }
    }
    return List.copyOf(bySlug.values());
  }
}
