package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  private final MarkdownArticles markdown = new MarkdownArticles();

  private final Article shipping = markdown.parse("shipping", """
      # Shipping
      Intro about shipping.

      ## Standard delivery times
      Standard shipping takes **3 to 5** business days within the country.

      ## International shipping
      International orders arrive in 7 to 14 days; duties are paid by the recipient.
      """);
  private final Article returns = markdown.parse("returns", """
      # Returns
      ## Return window
      You can return unworn items within 30 days of delivery for a full refund.
      """);

  @Test
  void parse_splitsArticleIntoTitledSectionsWithAnchors() {
    assertThat(shipping.title()).isEqualTo("Shipping");
    assertThat(shipping.passages()).extracting(Passage::heading)
        .containsExactly("Shipping", "Standard delivery times", "International shipping");
    Passage standard = shipping.passages().get(1);
    assertThat(standard.text()).isEqualTo("Standard shipping takes 3 to 5 business days within the country.");
    assertThat(standard.url()).isEqualTo("/kb/shipping#standard-delivery-times");
  }

  @Test
  void search_ranksTheSectionThatAnswersFirst() {
    try (var knowledge = KnowledgeBase.of(List.of(shipping, returns), WordHashEmbedder.cache())) {
      assertThat(knowledge.search("how many days does international shipping take", 3).getFirst().passage().heading())
          .isEqualTo("International shipping");
      assertThat(knowledge.search("can I return my boots after 30 days?", 3).getFirst().passage().articleTitle())
          .isEqualTo("Returns");
    }
  }

  @Test
  void search_withNoMatchingTermsOrQuerySyntax_isEmptyAndNeverThrows() {
    try (var knowledge = KnowledgeBase.of(List.of(shipping, returns), WordHashEmbedder.cache())) {
      assertThat(knowledge.search("quantum chromodynamics", 3)).isEmpty();
      assertThat(knowledge.search("", 3)).isEmpty();
      assertThat(knowledge.search("\"unbalanced (AND OR ~ * :", 3)).isEmpty();
      assertThat(knowledge.search("the and of", 3)).isEmpty();
    }
  }
}
