package baton.knowledge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Include and exclude globs on a URL's path: {@code *} and {@code ?} stay within one path segment,
 * {@code **} crosses segments. No include pattern means every path; an exclude always wins. Immutable,
 * thread-safe.
 */
record UrlPatterns(List<Pattern> include, List<Pattern> exclude) {
  UrlPatterns {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  static UrlPatterns of(List<String> include, List<String> exclude) {
    return new UrlPatterns(include.stream().map(UrlPatterns::glob).toList(), exclude.stream().map(UrlPatterns::glob).toList());
  }

  boolean matches(String path) {
    String subject = path.isEmpty() ? "/" : path;
    return (include.isEmpty() || include.stream().anyMatch(glob -> glob.matcher(subject).matches()))
        && exclude.stream().noneMatch(glob -> glob.matcher(subject).matches());
  }

  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
