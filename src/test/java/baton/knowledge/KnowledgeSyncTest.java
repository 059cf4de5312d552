package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeSyncTest {
  @TempDir Path root;
  private final SyncStatuses statuses = new SyncStatuses(Clock.systemUTC());

  @Test
  void articles_whenTwoSourcesShareASlug_theFirstSourceKeepsIt_andTheIndexSearchesBoth() throws IOException {
    Path docs = Files.createDirectory(root.resolve("docs"));
    Path more = Files.createDirectory(root.resolve("more"));
    Files.writeString(docs.resolve("shipping.md"), "# Shipping\n## Delivery\nThree to five days.\n");
    Files.writeString(more.resolve("shipping.txt"), "Shipping\n\nOld text.");
    Files.writeString(more.resolve("gift-cards.html"), "<h1>Gift cards</h1><p>Gift cards never expire.</p>");
    var sync = new KnowledgeSync(List.of(FolderSync.ofFolder(docs, statuses), FolderSync.ofFolder(more, statuses)));

    List<SyncReport> reports = sync.syncAll();

    assertThat(reports).allMatch(SyncReport::changedAnything);
    assertThat(sync.articles()).extracting(Article::slug).containsExactly("shipping", "gift-cards");
    try (var knowledge = KnowledgeBase.of(sync.articles(), WordHashEmbedder.cache())) {
      assertThat(knowledge.search("do gift cards expire", 1).getFirst().passage().url()).isEqualTo("/kb/gift-cards#gift-cards");
    }
    assertThat(statuses.all()).extracting(SourceStatus::sourceId).containsExactlyInAnyOrder(docs.toString(), more.toString());
  }
}
