package baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The review page keeps the console's rules: scripts only as modules from files, text only as text. */
class SuggestionsPageTest {

  private static String resource(String path) throws IOException {
    try (InputStream in = SuggestionsPageTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void page_hasNoInlineScriptsOrHandlers() throws IOException {
    String page = resource("/web/console/suggestions.html");
    assertThat(page).contains("<script type=\"module\" src=\"/console/suggestions.js\"></script>");
    assertThat(page.replace("<script type=\"module\" src=\"/console/suggestions.js\"></script>", "")).doesNotContain("<script");
    assertThat(page).doesNotContainPattern("\\son[a-z]+\\s*=");
  }

  @Test
  void module_writesTextOnlyAsText() throws IOException {
    String module = resource("/web/console/suggestions.js");
    assertThat(module).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
        .doesNotContain("document.write").doesNotContain("eval(");
  }
}
