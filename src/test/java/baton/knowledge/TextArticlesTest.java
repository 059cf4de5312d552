package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextArticlesTest {
  private final TextArticles text = new TextArticles();

  @Test
  void parse_takesTheTitleFromTheFirstLine_andCitesThePage() {
    Article article = text.parseFile("warranty", """

        Warranty
        Every product has a two-year warranty.

        Keep your receipt.
        """);

    assertThat(article.title()).isEqualTo("Warranty");
    assertThat(article.passages()).singleElement().satisfies(passage -> {
      assertThat(passage.heading()).isEqualTo("Warranty");
      assertThat(passage.text()).isEqualTo("Every product has a two-year warranty.\n\nKeep your receipt.");
      assertThat(passage.url()).isEqualTo("/kb/warranty");
    });
  }

  @Test
  void parse_groupsParagraphsUpToAboutTwelveHundredCharacters() {
    String paragraph = "word ".repeat(100).strip(); // 499 characters
    Article article = text.parseFile("long", "Long\n\n" + String.join("\n\n", paragraph, paragraph, paragraph, paragraph, paragraph));

    assertThat(article.passages()).hasSize(3);
    assertThat(article.passages()).allSatisfy(passage -> assertThat(passage.text().length()).isLessThanOrEqualTo(1_200));
    assertThat(article.passages().getFirst().text()).isEqualTo(paragraph + "\n\n" + paragraph);
  }

  @Test
  void parse_splitsAnOverlongParagraphBetweenSentences() {
    String sentence = "This sentence is exactly fifty characters long ok.";
    Article article = text.parseFile("long", "Long\n" + (sentence + " ").repeat(60));

    assertThat(article.passages()).hasSizeGreaterThan(2)
        .allSatisfy(passage -> assertThat(passage.text()).endsWith("ok.").hasSizeLessThanOrEqualTo(1_200));
  }
}
