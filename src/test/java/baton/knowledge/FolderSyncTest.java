package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSyncTest {
  private static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path folder;
  private final CountingParser parser = new CountingParser();
  private final SyncStatuses statuses = new SyncStatuses(Clock.fixed(NOON, ZoneOffset.UTC));

  /** The real parser, counting which files it was asked to parse. */
  private static final class CountingParser implements DocumentParser {
    final List<String> parsed = new CopyOnWriteArrayList<>();
    private final DocumentParser real = DocumentParser.byExtension();

    @Override
    public Article parse(Path file, String slug, byte[] content) {
      parsed.add(file.getFileName().toString());
      return real.parse(file, slug, content);
    }
  }

  private FolderSync sync() {
    return FolderSync.ofFolder(folder, parser, statuses);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(folder.resolve(name), content);
  }

  private void writeThreeDocuments() throws IOException {
    write("shipping.md", "# Shipping\n## Delivery\nThree to five days.\n");
    write("returns.html", "<main><h1>Returns</h1><p>Thirty days.</p></main>");
    write("warranty.txt", "Warranty\n\nTwo years on everything.\n");
    write("notes.docx", "not a knowledge document");
  }

  @Test
  void sync_whenFilesAreNew_addsMarkdownHtmlAndTextDocuments() throws IOException {
    writeThreeDocuments();

    SyncReport report = sync().sync();

    assertThat(report.added()).containsExactlyInAnyOrder("shipping", "returns", "warranty");
    assertThat(report.changedAnything()).isTrue();
    assertThat(report.errors()).isEmpty();
    assertThat(report.articles()).extracting(Article::title).containsExactlyInAnyOrder("Shipping", "Returns", "Warranty");
  }

  @Test
  void sync_whenNothingChanged_parsesNothingAndKeepsTheSameArticles() throws IOException {
    writeThreeDocuments();
    FolderSync sync = sync();
    List<Article> first = sync.sync().articles();
    parser.parsed.clear();

    SyncReport again = sync.sync();

    assertThat(parser.parsed).isEmpty();
    assertThat(again.unchanged()).containsExactlyInAnyOrder("shipping", "returns", "warranty");
    assertThat(again.changedAnything()).isFalse();
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.articles().get(i)).isSameAs(first.get(i));
    }
  }

  @Test
  void sync_whenFileChanged_reparsesOnlyThatFile() throws IOException {
    writeThreeDocuments();
    FolderSync sync = sync();
    sync.sync();
    parser.parsed.clear();
    write("returns.html", "<main><h1>Returns</h1><p>Sixty days now.</p></main>");

    SyncReport report = sync.sync();

    assertThat(parser.parsed).containsExactly("returns.html");
    assertThat(report.changed()).containsExactly("returns");
    assertThat(report.unchangedCount()).isEqualTo(2);
    assertThat(passageTexts(sync)).contains("Sixty days now.").doesNotContain("Thirty days.");
  }

  @Test
  void sync_whenFileDeleted_removesItsPassages() throws IOException {
    writeThreeDocuments();
    FolderSync sync = sync();
    sync.sync();
    Files.delete(folder.resolve("warranty.txt"));

    SyncReport report = sync.sync();

    assertThat(report.deleted()).containsExactly("warranty");
    assertThat(report.articles()).extracting(Article::slug).containsExactlyInAnyOrder("shipping", "returns");
    assertThat(passageTexts(sync)).doesNotContain("Two years on everything.");
  }

  @Test
  void sync_whenOneFileIsBroken_reportsIt_keepsItsLastGoodVersion_andSyncsTheOthers() throws IOException {
    writeThreeDocuments();
    FolderSync sync = sync();
    sync.sync();
    Files.write(folder.resolve("shipping.md"), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28}); // not UTF-8
    write("returns.html", "<main><h1>Returns</h1><p>Sixty days now.</p></main>");
    write("faq.txt", "FAQ\n\nAsk us anything.");

    SyncReport report = sync.sync();

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.document()).isEqualTo("shipping.md");
      assertThat(error.message()).contains("UTF-8");
    });
    assertThat(report.changed()).containsExactly("returns");
    assertThat(report.added()).containsExactly("faq");
    assertThat(passageTexts(sync)).contains("Three to five days.", "Sixty days now.", "Ask us anything.");

    SyncReport stillBroken = sync.sync();
    assertThat(stillBroken.errors()).as("retried until fixed").hasSize(1);
    write("shipping.md", "# Shipping\n## Delivery\nTwo days.\n");
    assertThat(sync.sync().changed()).containsExactly("shipping");
    assertThat(passageTexts(sync)).contains("Two days.");
  }

  @Test
  void sync_whenTwoFilesShareASlug_theFileThatHadItKeepsIt() throws IOException {
    write("shipping.md", "# Shipping\nFrom Markdown.\n");
    FolderSync sync = sync();
    sync.sync();
    write("shipping.html", "<h1>Shipping</h1><p>From HTML.</p>");

    SyncReport report = sync.sync();

    assertThat(report.errors()).singleElement().extracting(SyncError::document).isEqualTo("shipping.html");
    assertThat(passageTexts(sync)).contains("From Markdown.").doesNotContain("From HTML.");
  }

  @Test
  void sync_whenTheFolderIsGone_keepsEveryArticleAndReportsIt() throws IOException {
    writeThreeDocuments();
    FolderSync sync = sync();
    sync.sync();
    for (String name : List.of("shipping.md", "returns.html", "warranty.txt", "notes.docx")) {
      Files.delete(folder.resolve(name));
    }
    Files.delete(folder);

    SyncReport report = sync.sync();

    assertThat(report.errors()).hasSize(1);
    assertThat(report.deleted()).isEmpty();
    assertThat(report.articles()).hasSize(3);
  }

  @Test
  void ofFiles_readsFaqFiles_andReportsABrokenOneWithItsPosition() throws IOException {
    Path good = folder.resolve("billing.yaml");
    Path broken = folder.resolve("orders.yaml");
    Files.writeString(good, "- question: Can I pay by invoice?\n  answer: Yes, for orders over 500 EUR.\n");
    Files.writeString(broken, "- question: Where is my order?\n  answr: Tracking is in your email.\n");

    SyncReport report = FolderSync.ofFiles("faq", List.of(good, broken), statuses).sync();

    assertThat(report.added()).containsExactly("billing");
    assertThat(report.errors()).singleElement().satisfies(error -> assertThat(error.message()).contains("orders.yaml:2:"));
  }

  @Test
  void sync_updatesItsStatus_withProgressWhileRunning() throws IOException {
    writeThreeDocuments();
    List<SourceStatus> seenWhileParsing = new ArrayList<>();
    DocumentParser watching = (file, slug, content) -> {
      seenWhileParsing.add(statuses.status(folder.toString()).orElseThrow());
      return parser.parse(file, slug, content);
    };
    FolderSync sync = FolderSync.ofFolder(folder, watching, statuses);
    assertThat(statuses.status(folder.toString())).get()
        .extracting(SourceStatus::running, SourceStatus::lastStarted).containsExactly(false, Optional.empty());

    sync.sync();

    assertThat(seenWhileParsing).extracting(SourceStatus::running).containsOnly(true);
    assertThat(seenWhileParsing).extracting(SourceStatus::done).containsExactly(0, 1, 2);
    assertThat(seenWhileParsing).extracting(SourceStatus::total).containsOnly(3);
    SourceStatus after = statuses.status(folder.toString()).orElseThrow();
    assertThat(after.kind()).isEqualTo("folder");
    assertThat(after.running()).isFalse();
    assertThat(after.lastStarted()).contains(NOON);
    assertThat(after.lastFinished()).contains(NOON);
    assertThat(after.documents()).isEqualTo(3);
    assertThat(after.done()).isEqualTo(3);
    assertThat(after.errors()).isEmpty();
  }

  private static String passageTexts(SourceSync sync) {
    StringBuilder all = new StringBuilder();
    sync.articles().forEach(article -> article.passages().forEach(passage -> all.append(passage.text()).append('\n')));
    return all.toString();
  }
}
