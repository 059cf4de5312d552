package baton.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RobotsRulesTest {
  @Test
  void allows_longestMatchWins_andAllowWinsATie() {
    var rules = RobotsRules.parse("""
        User-agent: *
        Disallow: /help/   # internal
        Allow: /help/public
        Disallow: /page
        Allow: /page
        """);

    assertThat(rules.allows("/help/internal")).isFalse();
    assertThat(rules.allows("/help/public/faq")).isTrue();
    assertThat(rules.allows("/page")).isTrue();
    assertThat(rules.allows("/about")).isTrue();
  }

  @Test
  void allows_supportsWildcardsAndEndAnchors() {
    var rules = RobotsRules.parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*?q=\n");

    assertThat(rules.allows("/manual.pdf")).isFalse();
    assertThat(rules.allows("/manual.pdf.html")).isTrue();
    assertThat(rules.allows("/search/all?q=boots")).isFalse();
  }

  @Test
  void parse_aGroupNamingBaton_replacesTheGroupForEveryone_evenWhenEmpty() {
    var rules = RobotsRules.parse("User-agent: *\nDisallow: /\n\nUser-agent: Googlebot\nUser-agent: baton\nDisallow:\n");

    assertThat(rules.allows("/anything")).isTrue();
  }

  @Test
  void parse_otherAgentsGroups_doNotApply() {
    var rules = RobotsRules.parse("User-agent: Googlebot\nDisallow: /\n");

    assertThat(rules.allows("/help")).isTrue();
  }
}
