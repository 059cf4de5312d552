package baton.conversation;

import baton.platform.Json;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes conversations as JSON Lines for {@code baton replay --conversations} (the what-if replay,
 * docs/what-if.md): one object per conversation, oldest first, with the customer's messages in order
 * as stored (so already redacted) and the first handoff, if any, with the minutes an agent spent on it.
 * Nothing the agents wrote and nothing about the customer beyond the messages is exported. Reads in
 * one transaction per conversation; thread-safe.
 */
public final class ConversationExport {
  /** One line of the export; field names are the published line format. */
  public record Line(String id, String channel, Instant createdAt, List<String> customerMessages, List<String> customerKnown,
      HandoffLine handoff) {}

  /** The conversation's first handoff; {@code handleMinutes} null until an agent claimed and resolved it. */
  public record HandoffLine(String tier, String team, String reason, Double handleMinutes) {}

  private record Row(UUID id, String channel, Instant createdAt) {}

  private final Jdbi jdbi;

  public ConversationExport(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Writes the conversations created in [from, to); returns how many. */
  public int write(Writer out, Instant from, Instant to) throws IOException {
    List<Row> rows = jdbi.withHandle(handle -> handle.createQuery(
            "select id, channel, created_at from conversations where created_at >= :from and created_at < :to order by created_at, id")
        .bind("from", OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
        .bind("to", OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
        .map((rs, ctx) -> new Row(rs.getObject("id", UUID.class), rs.getString("channel"), instant(rs, "created_at")))
        .list());
    for (Row row : rows) {
      out.write(Json.write(line(row)));
      out.write('\n');
    }
    out.flush();
    return rows.size();
  }

  private Line line(Row row) {
    return jdbi.inTransaction(handle -> {
      List<String> messages = handle.createQuery(
              "select body from messages where conversation_id = :id and author = 'customer' order by seq")
          .bind("id", row.id()).mapTo(String.class).list();
      // Only whether each detail was given, never the detail: the replay needs no more.
      List<String> known = handle.createQuery("select c.name, c.email, c.phone from customers c join conversations v"
              + " on v.customer_id = c.id where v.id = :id")
          .bind("id", row.id())
          .map((rs, ctx) -> {
            List<String> given = new java.util.ArrayList<>();
            for (String field : List.of("name", "email", "phone")) {
              String value = rs.getString(field);
              if (value != null && !value.isBlank()) {
                given.add(field);
              }
            }
            return List.copyOf(given);
          })
          .findFirst().orElse(List.of());
      HandoffLine handoff = handle.createQuery(
              "select tier_id, team_id, reason, claimed_at, resolved_at from handoffs where conversation_id = :id"
                  + " order by created_at, id limit 1")
          .bind("id", row.id())
          .map((rs, ctx) -> {
            OffsetDateTime claimed = rs.getObject("claimed_at", OffsetDateTime.class);
            OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
            Double minutes = claimed == null || resolved == null ? null
                : Duration.between(claimed, resolved).toMillis() / 60_000.0;
            return new HandoffLine(rs.getString("tier_id"), rs.getString("team_id"), rs.getString("reason"), minutes);
          })
          .findFirst().orElse(null);
      return new Line(row.id().toString(), row.channel(), row.createdAt(), messages, known, handoff);
    });
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
