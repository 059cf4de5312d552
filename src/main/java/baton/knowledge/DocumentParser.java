package baton.knowledge;

import java.nio.file.Path;

/**
 * Turns one local document into an article. Throws any runtime exception when the document cannot
 * be used; the sync reports it against that document and carries on with the others.
 */
@FunctionalInterface
public interface DocumentParser {
  Article parse(Path file, String slug, byte[] content);

  /** Markdown, HTML, plain text and FAQ files, chosen by file extension. */
  static DocumentParser byExtension() {
    return new ExtensionParser();
  }
}
