package baton.channels;

import baton.compliance.DataSubject;
import baton.compliance.PersonalData;
import baton.compliance.RetentionPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The webhook outbox's share of data rights. A delivery's payload is the handoff packet, so it is the
 * customer's data; deliveries are matched to a customer's conversations by the conversation id the
 * payload carries (a text search, fine for a rare request). Retention deletes only finished deliveries
 * (delivered or given up); a pending one is still owed to the helpdesk. What the helpdesk itself keeps
 * is beyond Baton's reach (docs/compliance.md). Stateless and thread-safe.
 */
public final class WebhookRecords implements PersonalData {
  private static final String OF_CONVERSATION = "payload like :pattern";

  @Override
  public Map<String, Object> export(Handle handle, DataSubject subject) {
    List<Map<String, Object>> deliveries = new ArrayList<>();
    for (UUID conversation : subject.conversationIds()) {
      deliveries.addAll(handle.createQuery("select endpoint, event, created_at, attempts, delivered_at, given_up_at"
              + " from webhook_deliveries where " + OF_CONVERSATION + " order by created_at, id")
          .bind("pattern", pattern(conversation))
          .map((rs, ctx) -> {
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("conversationId", conversation.toString());
            delivery.put("endpoint", rs.getString("endpoint"));
            delivery.put("event", rs.getString("event"));
            delivery.put("createdAt", time(rs, "created_at"));
            delivery.put("attempts", rs.getInt("attempts"));
            delivery.put("deliveredAt", time(rs, "delivered_at"));
            delivery.put("givenUpAt", time(rs, "given_up_at"));
            return delivery;
          })
          .list());
    }
    return Map.of("webhookDeliveries", deliveries);
  }

  @Override
  public Map<String, Integer> erase(Handle handle, DataSubject subject) {
    int deleted = 0;
    for (UUID conversation : subject.conversationIds()) {
      deleted += handle.createUpdate("delete from webhook_deliveries where " + OF_CONVERSATION)
          .bind("pattern", pattern(conversation)).execute();
    }
    return Map.of("webhookDeliveries", deleted);
  }

  @Override
  public Map<String, Integer> purge(Handle handle, RetentionPolicy policy, Instant now) {
    return RetentionPolicy.cutoff(policy.webhookDeliveries(), now)
        .map(cutoff -> Map.of("webhookDeliveries", handle.createUpdate("delete from webhook_deliveries"
                + " where (delivered_at is not null and delivered_at < :cutoff) or (given_up_at is not null and given_up_at < :cutoff)")
            .bind("cutoff", cutoff.atOffset(ZoneOffset.UTC)).execute()))
        .orElse(Map.of());
  }

  /** A UUID holds no LIKE wildcards, so the pattern matches exactly the payloads that name it. */
  private static String pattern(UUID conversation) {
    return "%" + conversation + "%";
  }

  private static String time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant().toString();
  }
}
