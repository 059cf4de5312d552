package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqFilesTest {
  @TempDir Path dir;
  private final FaqFiles faqs = new FaqFiles();

  private void assertReadsTheRentalEntry(Article article, String slug) {
    assertThat(article.slug()).isEqualTo(slug);
    Passage rental = article.passages().getFirst();
    assertThat(rental.heading()).isEqualTo("Can I rent gear?");
    assertThat(rental.text()).isEqualTo("Stores rent tents from $15 a day.");
    assertThat(rental.phrasings()).containsExactly("gear rental", "can I hire a tent");
    assertThat(rental.url()).isEqualTo("/kb/" + slug + "#can-i-rent-gear");
  }

  @Test
  void read_yamlJsonAndCsv_giveTheSameArticle() throws IOException {
    assertReadsTheRentalEntry(faqs.read(Files.writeString(dir.resolve("faq.yaml"), """
        - question: Can I rent gear?
          answer: Stores rent tents from $15 a day.
          alternatives: [gear rental, can I hire a tent]
        """)), "faq");
    assertReadsTheRentalEntry(faqs.read(Files.writeString(dir.resolve("more.json"), """
        [{"question": "Can I rent gear?", "answer": "Stores rent tents from $15 a day.",
          "alternatives": ["gear rental", "can I hire a tent"]}]
        """)), "more");
    assertReadsTheRentalEntry(faqs.read(Files.writeString(dir.resolve("sheet.csv"), """
        question,answer,alternatives
        Can I rent gear?,Stores rent tents from $15 a day.,gear rental | can I hire a tent
        """)), "sheet");
  }

  @Test
  void search_matchesAnAlternativePhrasing() throws IOException {
    Article faq = faqs.read(Files.writeString(dir.resolve("faq.yaml"), """
        - question: Do you price match?
          answer: We match lower prices within 14 days.
          alternatives: [found it cheaper somewhere else]
        - question: Can I rent gear?
          answer: Stores rent tents from $15 a day.
        """));
    try (var knowledge = KnowledgeBase.of(List.of(faq), WordHashEmbedder.cache())) {
      assertThat(knowledge.search("I found this cheaper elsewhere", 1).getFirst().passage().heading())
          .isEqualTo("Do you price match?");
    }
  }

  @Test
  void read_brokenOrIncompleteFiles_failWithFileAndLine() throws IOException {
    Path unknownKey = Files.writeString(dir.resolve("a.yaml"), "- question: Q?\n  answer: A.\n  answr: typo\n");
    assertThatThrownBy(() -> faqs.read(unknownKey)).isInstanceOf(FaqFiles.FaqFileException.class)
        .hasMessageStartingWith(unknownKey + ":3:").hasMessageContaining("answr");
    Path missingAnswer = Files.writeString(dir.resolve("b.json"), "[{\"question\": \"Q?\"}]");
    assertThatThrownBy(() -> faqs.read(missingAnswer)).hasMessageContaining("entry 1 needs both a question and an answer");
    Path wrongType = Files.writeString(dir.resolve("c.txt"), "hello");
    assertThatThrownBy(() -> faqs.read(wrongType)).hasMessageContaining("must be .yaml");
  }
}
