package baton.analytics;

import static java.util.Objects.requireNonNull;

import baton.conversation.ConversationId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One table of a report: named rows of named values, and for every row the conversations behind it
 * (the drill-down). Values are numbers, booleans, text or null (a rate with nothing to divide by).
 * Immutable.
 */
record Table(String name, String title, List<String> columns, List<Row> rows) {

  Table {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (Row row : rows) {
      if (row.values().size() != columns.size()) {
        throw new IllegalArgumentException("row " + row.key() + " of " + name + " has " + row.values().size() + " values for "
            + columns.size() + " columns");
      }
    }
  }

  /** @param conversations the conversations this row counts, in the report's order */
  record Row(String key, List<Object> values, Set<ConversationId> conversations) {
    Row {
      requireNonNull(key, "key");
      values = java.util.Collections.unmodifiableList(new ArrayList<>(values)); // values may be null
      conversations = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(conversations));
    }
  }

  Optional<Row> row(String key) {
    return rows.stream().filter(row -> row.key().equals(key)).findFirst();
  }

  /** As the API sends it: rows as objects keyed by column, in column order. */
  Map<String, Object> json() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        values.put(columns.get(i), row.values().get(i));
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("key", row.key());
      line.put("values", values);
      out.add(line);
    }
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("name", name);
    table.put("title", title);
    table.put("columns", columns);
    table.put("rows", out);
    return table;
  }

  /** RFC 4180: a header line ({@code key} and the columns), CRLF line ends, quotes where needed; null is empty. */
  String csv() {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    header.add("key");
    header.addAll(columns);
    line(out, header);
    for (Row row : rows) {
      List<Object> cells = new ArrayList<>();
      cells.add(row.key());
      cells.addAll(row.values());
      line(out, cells);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    // A leading = + - @ would run as a formula in a spreadsheet; topic names and rules come from a spec file.
    if (!text.isEmpty() && "=+@".indexOf(text.charAt(0)) >= 0 || text.startsWith("-") && !(value instanceof Number)) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
