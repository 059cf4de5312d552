package baton.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of one site's robots.txt that apply to Baton (RFC 9309): the groups naming {@code Baton}
 * if any, else the groups for {@code *}. The longest matching Allow or Disallow pattern decides; on a
 * tie Allow wins, and a path no rule matches is allowed. Patterns may use {@code *} and a final
 * {@code $}. Immutable, thread-safe.
 */
record RobotsRules(List<Rule> rules) {
  static final String PRODUCT_TOKEN = "baton";

  record Rule(boolean allow, String pattern, Pattern regex) {}

  RobotsRules {
    rules = List.copyOf(rules);
  }

  static RobotsRules allowAll() {
    return new RobotsRules(List.of());
  }

  static RobotsRules parse(String robotsTxt) {
    List<Rule> ours = new ArrayList<>();
    List<Rule> everyone = new ArrayList<>();
    List<String> agents = new ArrayList<>();
    List<Rule> group = new ArrayList<>();
    boolean inRules = false;
    for (String rawLine : robotsTxt.split("\\r?\\n|\\r")) {
      String line = rawLine.replaceFirst("#.*", "").strip();
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "user-agent" -> {
          if (inRules) {
            assign(agents, group, ours, everyone);
            agents.clear();
            group.clear();
            inRules = false;
          }
          agents.add(value.toLowerCase(Locale.ROOT));
        }
        case "allow", "disallow" -> {
          inRules = true;
          if (!value.isEmpty()) {
            group.add(new Rule(key.equals("allow"), value, regex(value)));
          }
        }
        default -> { } // sitemap, crawl-delay and unknown keys do not end a group
      }
    }
    assign(agents, group, ours, everyone);
    return new RobotsRules(ours.isEmpty() && !namesUs(robotsTxt) ? everyone : ours);
  }

  private static void assign(List<String> agents, List<Rule> group, List<Rule> ours, List<Rule> everyone) {
    for (String agent : agents) {
      String product = agent.contains("/") ? agent.substring(0, agent.indexOf('/')) : agent;
      if (product.equals(PRODUCT_TOKEN)) {
        ours.addAll(group);
        return;
      }
    }
    if (agents.contains("*")) {
      everyone.addAll(group);
    }
  }

  /** Whether some group names Baton: then only its rules apply, even if it has none. */
  private static boolean namesUs(String robotsTxt) {
    return Pattern.compile("(?im)^\\s*user-agent\\s*:\\s*" + PRODUCT_TOKEN + "(/\\S*)?\\s*(#.*)?$").matcher(robotsTxt).find();
  }

  private static Pattern regex(String pattern) {
    boolean anchored = pattern.endsWith("$");
    String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : body.toCharArray()) {
      if (c == '*') {
        regex.append(Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString())).append(anchored ? "" : ".*");
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** {@code pathAndQuery} as sent in the request line, e.g. {@code /help/a?b=c}. */
  boolean allows(String pathAndQuery) {
    if (pathAndQuery.equals("/robots.txt")) {
      return true;
    }
    Rule best = null;
    for (Rule rule : rules) {
      if (rule.regex().matcher(pathAndQuery).matches()
          && (best == null || rule.pattern().length() > best.pattern().length()
              || rule.pattern().length() == best.pattern().length() && rule.allow())) {
        best = rule;
      }
    }
    return best == null || best.allow();
  }
}
