package baton.analytics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every measure for one query, as tables (the first is {@code summary}). Immutable. */
record Report(AnalyticsQuery query, Instant computedAt, List<Table> tables) {

  Report {
    requireNonNull(query, "query");
    requireNonNull(computedAt, "computedAt");
    tables = List.copyOf(tables);
  }

  Optional<Table> table(String name) {
    return tables.stream().filter(table -> table.name().equals(name)).findFirst();
  }

  /** A summary value by name; null when it has nothing to divide by. */
  Object summary(String measure) {
    return table("summary").flatMap(table -> table.row(measure)).map(row -> row.values().getFirst()).orElse(null);
  }

  Map<String, Object> json() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("from", query.from().toString());
    range.put("to", query.to().toString());
    out.put("range", range);
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("channel", query.channel().orElse(null));
    filters.put("tier", query.tier().orElse(null));
    filters.put("topic", query.topic().orElse(null));
    filters.put("team", query.team().orElse(null));
    out.put("filters", filters);
    out.put("computedAt", computedAt.toString());
    Map<String, Object> summary = new LinkedHashMap<>();
    table("summary").ifPresent(table -> table.rows().forEach(row -> summary.put(row.key(), row.values().getFirst())));
    out.put("summary", summary);
    out.put("tables", tables.stream().map(Table::json).toList());
    return out;
  }
}
