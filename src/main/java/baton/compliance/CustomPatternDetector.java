package baton.compliance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot spec's own patterns, each masked whole with its own mask. The spec's author owns the
 * patterns' cost: a pattern with nested unbounded repetition can backtrack badly. Immutable and
 * thread-safe.
 */
final class CustomPatternDetector implements Detector {
  private record Compiled(Pattern pattern, String mask, List<String> keywords) {}

  private final List<Compiled> patterns;

  CustomPatternDetector(List<CustomPattern> custom) {
    this.patterns = custom.stream().map(pattern -> new Compiled(pattern.compiled(), pattern.mask(), pattern.keywords())).toList();
  }

  @Override
  public void findIn(ScannedText text, List<Finding> into) {
    for (Compiled compiled : patterns) {
      if (!compiled.keywords().isEmpty() && !text.mentionsAny(compiled.keywords())) {
        continue;
      }
      Matcher matcher = compiled.pattern().matcher(text.text);
      while (matcher.find()) {
        if (matcher.end() > matcher.start()) {
          into.add(new Finding(SecretKind.CUSTOM, matcher.start(), matcher.end(), compiled.mask()));
        }
      }
    }
  }
}
