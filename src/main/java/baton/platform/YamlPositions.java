package baton.platform;

import com.fasterxml.jackson.core.JsonLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a YAML parser's position into the {@code file:line:column: } prefix a person can act on. */
public final class YamlPositions {
  private YamlPositions() {}

  public static String at(Path file, JsonLocation location) {
    if (location == null) {
      return file + ":1:1: ";
    }
    return file + ":" + Math.max(1, location.getLineNr()) + ":" + Math.max(1, location.getColumnNr()) + ": ";
  }

  /**
   * Where an unknown key really is. The parser reports it where it stopped, which can be the line
   * after the key; the key is on the last line at or before that point that starts with it.
   */
  public static String ofKey(Path file, String key, JsonLocation reported) {
    int reportedLine = reported == null ? Integer.MAX_VALUE : reported.getLineNr();
    try {
      List<String> lines = Files.readAllLines(file);
      Pattern pattern = Pattern.compile("^(\\s*-?\\s*)" + Pattern.quote(key) + "\\s*:");
      for (int i = Math.min(reportedLine, lines.size()) - 1; i >= 0; i--) {
        Matcher matcher = pattern.matcher(lines.get(i));
        if (matcher.find()) {
          return file + ":" + (i + 1) + ":" + (matcher.end(1) + 1) + ": ";
        }
      }
    } catch (IOException e) {
      // fall back to where the parser stopped
    }
    return at(file, reported);
  }
}
