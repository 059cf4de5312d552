package baton.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The new part of an email reply: what the sender wrote this time, without the history their mail
 * client quoted below it and without their signature, so a conversation's transcript does not repeat
 * itself with every mail.
 *
 * <p>Mail clients mark the history in a handful of ways, and the text stops at the first of them:
 * an attribution line ("On Mon, 3 Jun 2024, Ada &lt;ada@example.com&gt; wrote:", possibly wrapped
 * over two or three lines, and its German, French, Spanish, Dutch, Italian and Portuguese forms), a
 * "-----Original Message-----" rule, Outlook's header block ("From: … / Sent: …", often after a line of
 * underscores), and the "-- " signature delimiter. Lines quoted with "&gt;" are dropped wherever they
 * are, so an answer written between quoted lines keeps its own lines; "Sent from my iPhone" and its
 * kind are dropped too. HTML-only mail is parsed with jsoup and only its text is kept: scripts, styles
 * and quoted blocks go, and nothing of the markup survives, so the result is safe wherever plain text
 * is. The result is capped at {@link #MAX_CHARS} characters (cut, marked with "…") rather than refused:
 * a long mail is still a reply. Stateless and thread-safe.
 */
public final class ReplyText {
  public static final int MAX_CHARS = 10_000;
  /** More than any reply worth keeping; bounds the work a hostile mail can cause. */
  private static final int MAX_INPUT = 200_000;

  private static final Pattern ATTRIBUTION_START = Pattern.compile("^(On|Am|Le|El|Op|Il|Em|Den)\\s.*", Pattern.CASE_INSENSITIVE);
  private static final String WROTE = "(wrote|writes|schrieb|a écrit|escribió|schreef|ha scritto|escreveu|skrev)";
  private static final Pattern ATTRIBUTION_END = Pattern.compile(".*\\b" + WROTE + "\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
  /** German puts the name after the verb: "Am 03.06.2024 um 10:15 schrieb Kestrel &lt;…&gt;:". */
  private static final Pattern ATTRIBUTION_END_LATE = Pattern.compile(".*\\b" + WROTE + "\\b.*:\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
      "^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Forwarded message)"
          + "\\s*-{2,}.*", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_FROM = Pattern.compile("^\\*?(From|Von|De|Van|Da)\\s*:\\*?\\s*\\S.*", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_SENT = Pattern.compile(
      "^\\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Verzonden|Inviato|Data)\\s*:\\*?\\s*\\S.*", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNDERSCORE_RULE = Pattern.compile("^_{10,}$");
  private static final Pattern MOBILE_SIGNATURE = Pattern.compile(
      "^(Sent from (my )?[\\p{L}\\p{N} .-]{1,40}|Get Outlook for [\\p{L} ]{1,20}|Sent from Outlook for [\\p{L} ]{1,20})$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200B-\\u200D\\uFEFF]");

  private ReplyText() {}

  /** The new text of a plain-text reply. */
  public static String fromPlain(String text) {
    if (text == null) {
      return "";
    }
    String input = text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
    String[] lines = CONTROL.matcher(input.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("").split("\n", -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replace('\u00A0', ' ').stripTrailing();
      String trimmed = line.strip();
      if (line.equals("--") || ORIGINAL_MESSAGE.matcher(trimmed).matches() || UNDERSCORE_RULE.matcher(trimmed).matches()
          || isAttribution(lines, i) || isHeaderBlock(lines, i)) {
        break;
      }
      if (trimmed.startsWith(">") || MOBILE_SIGNATURE.matcher(trimmed).matches()) {
        continue;
      }
      kept.add(line);
    }
    return cap(tidy(kept));
  }

  /** The new text of an HTML-only reply. */
  public static String fromHtml(String html) {
    if (html == null) {
      return "";
    }
    Document document = Jsoup.parse(html.length() > MAX_INPUT ? html.substring(0, MAX_INPUT) : html);
    // Quoted history in the markup of Gmail, Apple Mail and Thunderbird, and everything that is not
    // text at all. Outlook's quote is not wrapped in anything: its "From: / Sent:" block, as text, ends
    // the reply below.
    document.select("head, script, style, template, noscript, iframe, object, embed, svg, canvas, form, blockquote,"
        + " .gmail_quote, .gmail_signature, .moz-cite-prefix, .moz-signature, div[type=cite]").remove();
    var text = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
          boolean preformatted = textNode.parent() instanceof Element parent && parent.closest("pre") != null;
          String words = preformatted ? textNode.getWholeText() : textNode.text();
          if (text.isEmpty() || text.charAt(text.length() - 1) == '\n') {
            words = preformatted ? words : words.stripLeading();
          }
          text.append(words);
        } else if (node instanceof Element element) {
          if (element.nameIs("br")) {
            text.append('\n');
          } else if (element.isBlock() || element.nameIs("hr")) {
            endLine(text);
          }
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element element && element.isBlock()) {
          endLine(text);
          if (element.nameIs("p")) {
            text.append('\n');
          }
        }
      }
    }, document.body());
    return fromPlain(text.toString());
  }

  private static void endLine(StringBuilder text) {
    if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
  }

  /** "On … wrote:", on this line or wrapped onto the next two; or any "… wrote:" right above a quote. */
  private static boolean isAttribution(String[] lines, int index) {
    String first = lines[index].strip();
    if (ATTRIBUTION_START.matcher(first).matches()) {
      var joined = new StringBuilder();
      for (int i = index; i < Math.min(lines.length, index + 3); i++) {
        joined.append(' ').append(lines[i].strip());
        // A real attribution names a date or an address; "On Monday I wrote:" is the customer talking.
        if (joined.length() < 400 && ATTRIBUTION_END_LATE.matcher(joined).matches()) {
          return joined.chars().anyMatch(c -> Character.isDigit(c) || c == '@');
        }
      }
    }
    if (first.length() < 400 && ATTRIBUTION_END.matcher(first).matches()) {
      for (int i = index + 1; i < lines.length; i++) {
        String next = lines[i].strip();
        if (!next.isEmpty()) {
          return next.startsWith(">");
        }
      }
    }
    return false;
  }

  /** Outlook's "From: …" followed within a few lines by "Sent: …" (or "Date: …"). */
  private static boolean isHeaderBlock(String[] lines, int index) {
    if (!HEADER_FROM.matcher(lines[index].strip()).matches()) {
      return false;
    }
    for (int i = index + 1; i < Math.min(lines.length, index + 5); i++) {
      if (HEADER_SENT.matcher(lines[i].strip()).matches()) {
        return true;
      }
    }
    return false;
  }

  /** No blank lines at either end, at most one blank line in a row. */
  private static String tidy(List<String> lines) {
    var text = new StringBuilder();
    boolean blank = false;
    for (String line : lines) {
      if (line.isBlank()) {
        blank = !text.isEmpty();
        continue;
      }
      if (blank) {
        text.append('\n');
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(line);
      blank = false;
    }
    return text.toString();
  }

  private static String cap(String text) {
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int end = MAX_CHARS - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
