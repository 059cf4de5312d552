package baton.knowledge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Picks the reader for a document by its file extension. Stateless, thread-safe. */
final class ExtensionParser implements DocumentParser {
  static final Set<String> DOCUMENT_EXTENSIONS = Set.of("md", "html", "htm", "txt");
  static final Set<String> FAQ_EXTENSIONS = Set.of("yaml", "yml", "json", "csv");
  private final MarkdownArticles markdown = new MarkdownArticles();
  private final HtmlArticles html = new HtmlArticles();
  private final TextArticles text = new TextArticles();
  private final FaqFiles faqs = new FaqFiles();

  @Override
  public Article parse(Path file, String slug, byte[] content) {
    return switch (extension(file)) {
      case "md" -> markdown.parse(slug, utf8(content));
      case "html", "htm" -> html.parseFile(slug, content);
      case "txt" -> text.parseFile(slug, utf8(content));
      case "yaml", "yml", "json", "csv" -> faqs.read(file);
      default -> throw new IllegalArgumentException("not a knowledge document; use .md, .html, .htm, .txt,"
          + " or .yaml, .yml, .json, .csv for FAQ files");
    };
  }

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Strict UTF-8, so a file saved in another encoding is reported rather than quoted as mojibake. */
  static String utf8(byte[] content) {
    try {
      String decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
      return decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not valid UTF-8 text; save the file as UTF-8");
    }
  }
}
