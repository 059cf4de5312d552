package baton.escalation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The current spec and a changed one, side by side on the same recorded conversations: what each bot
 * did, and the expected agent load of its handoffs. Immutable; {@link #rows()} is the table, also written
 * as the JSON report.
 */
public record WhatIfComparison(String currentSpec, String newSpec, WhatIfReplay.Tally current, WhatIfReplay.Tally proposed,
    HandleMinutes handleMinutes) {

  /** One line of the table: a measure under each spec and the change. */
  public record Row(String measure, double current, double proposed, double change) {}

  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    add(rows, "conversations", tally -> tally.conversations());
    add(rows, "customer turns decided", tally -> tally.customerTurns());
    add(rows, "bot-answered turns", tally -> tally.answered());
    add(rows, "clarifications", tally -> tally.clarified());
    add(rows, "checklist questions", tally -> tally.collecting());
    add(rows, "left mid-checklist", tally -> tally.leftCollecting());
    add(rows, "handoffs", tally -> tally.handoffs());
    for (String tier : union(current.handoffsByTier(), proposed.handoffsByTier())) {
      add(rows, "  tier " + tier, tally -> tally.handoffsByTier().getOrDefault(tier, 0));
    }
    for (String reason : union(current.handoffsByReason(), proposed.handoffsByReason())) {
      add(rows, "  reason " + reason, tally -> tally.handoffsByReason().getOrDefault(reason, 0));
    }
    for (String rule : union(current.handoffsByRule(), proposed.handoffsByRule())) {
      add(rows, "  rule " + rule, tally -> tally.handoffsByRule().getOrDefault(rule, 0));
    }
    add(rows, "handoff rate %", tally -> tally.conversations() == 0 ? 0 : 100.0 * tally.handoffs() / tally.conversations());
    add(rows, "agent-hours", handleMinutes::agentHours);
    return rows;
  }

  private void add(List<Row> rows, String measure, Function<WhatIfReplay.Tally, Number> value) {
    double before = value.apply(current).doubleValue();
    double after = value.apply(proposed).doubleValue();
    rows.add(new Row(measure, before, after, after - before));
  }

  private static TreeSet<String> union(Map<String, Integer> left, Map<String, Integer> right) {
    var keys = new TreeSet<>(left.keySet());
    keys.addAll(right.keySet());
    return keys;
  }

  /** The handle minutes used for each tier that had a handoff under either spec, with where they came from. */
  public Map<String, String> minutesUsed() {
    Map<String, String> used = new LinkedHashMap<>();
    for (String tier : union(current.handoffsByTier(), proposed.handoffsByTier())) {
      used.put(tier, number(handleMinutes.minutes(tier)) + " min (" + handleMinutes.source(tier) + ")");
    }
    return used;
  }

  public String toTable() {
    var table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "current: %s%nnew:     %s%n%n", currentSpec, newSpec));
    table.append(String.format(Locale.ROOT, "%-58s %10s %10s %10s%n", "", "current", "new", "change"));
    for (Row row : rows()) {
      String measure = row.measure().length() > 58 ? row.measure().substring(0, 57) + "…" : row.measure();
      table.append(String.format(Locale.ROOT, "%-58s %10s %10s %10s%n", measure, number(row.current()), number(row.proposed()),
          (row.change() > 0 ? "+" : "") + number(row.change())));
    }
    if (!minutesUsed().isEmpty()) {
      table.append(String.format(Locale.ROOT, "%nagent-hours = handoffs per tier × handle minutes:%n"));
      minutesUsed().forEach((tier, minutes) -> table.append(String.format(Locale.ROOT, "  %-12s %s%n", tier, minutes)));
    }
    return table.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
