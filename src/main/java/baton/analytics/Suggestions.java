package baton.analytics;

import static baton.analytics.ConversationFacts.NONE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Suggestions read off the other tables, each behind a documented threshold ({@link Thresholds},
 * docs/analytics.md) and never from fewer than {@link Thresholds#minimumSample()} cases, so one bad
 * afternoon does not produce advice. A suggestion drills down to the conversations that caused it.
 * Stateless.
 */
final class Suggestions {
  private Suggestions() {}

  static Table from(List<Table> tables, Thresholds thresholds) {
    List<Table.Row> rows = new ArrayList<>();
    table(tables, "topics").ifPresent(topics -> {
      for (Table.Row row : topics.rows()) {
        if (Boolean.TRUE.equals(value(topics, row, "alwaysEscalates"))) {
          double share = (Double) value(topics, row, "escalationRate");
          rows.add(suggestion("topic_escalates", row, share, "Topic " + row.key() + " escalates " + Measures.percent(share)
              + " of the time (" + value(topics, row, "handedOff") + " of " + value(topics, row, "conversations")
              + " conversations): add a checklist so agents get what they need at once, or an article so the bot can answer."));
        }
      }
    });
    table(tables, "beforeHandoffByTopic").ifPresent(before -> {
      for (Table.Row row : before.rows()) {
        Double share = (Double) value(before, row, "repeatRate");
        if (!row.key().equals(NONE) && count(before, row, "handedOff") >= thresholds.minimumSample() && share != null
            && share >= thresholds.repeatShare()) {
          rows.add(suggestion("repeats_before_handoff", row, share, "Customers repeat questions about " + row.key()
              + " before a handoff (" + value(before, row, "repeatBeforeHandoff") + " of " + value(before, row, "handedOff")
              + " handoffs): the article on " + row.key() + " may be missing or may not answer what they ask."));
        }
      }
    });
    table(tables, "answersThenHandoff").ifPresent(answers -> {
      for (Table.Row row : answers.rows()) {
        Double share = (Double) value(answers, row, "rate");
        if (!row.key().equals(NONE) && count(answers, row, "answers") >= thresholds.minimumSample() && share != null
            && share >= thresholds.answerHandoffShare()) {
          rows.add(suggestion("answer_then_handoff", row, share, "Answers quoting " + row.key() + " are followed by a handoff within two turns "
              + Measures.percent(share) + " of the time: the passage may not answer the question it is matched to."));
        }
      }
    });
    table(tables, "clarificationsByTopic").ifPresent(clarifications -> {
      for (Table.Row row : clarifications.rows()) {
        Double share = (Double) value(clarifications, row, "failedRate");
        if (count(clarifications, row, "followedUp") >= thresholds.minimumSample() && share != null
            && share >= thresholds.failedClarificationShare()) {
          rows.add(suggestion("clarifications_fail", row, share, "Clarifying questions about " + row.key() + " fail "
              + Measures.percent(share) + " of the time: the options offered may look alike; give the articles clearer titles."));
        }
      }
    });
    table(tables, "summary").ifPresent(summary -> summary.row("fallbackShare").ifPresent(row -> {
      Double share = (Double) row.values().getFirst();
      long handoffs = ((Number) summary.row("handoffs").orElseThrow().values().getFirst()).longValue();
      if (handoffs >= thresholds.minimumSample() && share != null && share >= thresholds.fallbackShare()) {
        rows.add(new Table.Row("fallback:all", java.util.Arrays.asList("fallback", "all", share, Measures.percent(share)
            + " of handoffs fell back to email or a ticket: the live team was closed, unstaffed or over its promise;"
            + " staff the live tier at those hours or promise a longer wait."), row.conversations()));
      }
    }));
    return new Table("suggestions", "Suggestions", List.of("kind", "subject", "share", "text"), rows);
  }

  private static Table.Row suggestion(String kind, Table.Row source, double share, String text) {
    return new Table.Row(kind + ":" + source.key(), java.util.Arrays.asList(kind, source.key(), share, text), source.conversations());
  }

  private static Optional<Table> table(List<Table> tables, String name) {
    return tables.stream().filter(table -> table.name().equals(name)).findFirst();
  }

  private static Object value(Table table, Table.Row row, String column) {
    return row.values().get(table.columns().indexOf(column));
  }

  private static long count(Table table, Table.Row row, String column) {
    return ((Number) value(table, row, column)).longValue();
  }
}
