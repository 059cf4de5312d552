package baton.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
   * Line and column of every key and list item in a YAML document, by JSON pointer
   * ({@code /teams/1/id}), so that a problem found after parsing still points at its line. Returns
   * what it could read before any syntax error; the loader reports syntax errors itself.
   */
  /** Suffix of the pointer under which a scalar's own position (not its key's) is kept. */
  public static final String VALUE = "@value";

  public static Map<String, JsonLocation> locate(String yaml) {
    Map<String, JsonLocation> positions = new HashMap<>();
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        JsonStreamContext context = parser.getParsingContext();
        if (token == JsonToken.FIELD_NAME || token == JsonToken.START_OBJECT || context.inArray()) {
          positions.putIfAbsent(context.pathAsPointer().toString(), parser.currentTokenLocation());
        }
        if (token.isScalarValue()) {
          positions.putIfAbsent(context.pathAsPointer() + VALUE, parser.currentTokenLocation());
        }
      }
    } catch (IOException e) {
      // keep what was read
    }
    return positions;
  }

  /** The position of {@code pointer}, or of its nearest located parent; line 1 when none is. */
  public static String at(Path file, Map<String, JsonLocation> positions, String pointer) {
    String path = pointer;
    while (!path.isEmpty()) {
      JsonLocation location = positions.get(path);
      if (location != null) {
        return at(file, location);
      }
      path = path.substring(0, path.lastIndexOf('/'));
    }
    return file + ":1:1: ";
  }

  /** The closest of {@code known} to a mistyped {@code key}, when one is close enough to be a typo. */
  public static Optional<String> didYouMean(String key, Collection<?> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Object candidate : known) {
      int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toString().toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate.toString();
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
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
