package baton.analytics;

import baton.compliance.DataSubject;
import baton.compliance.PersonalData;
import baton.compliance.RetentionPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Data rights over {@code satisfaction_ratings}: a customer's ratings are exported and erased with
 * them. The retention purge needs nothing here: a rating is deleted with its conversation (the
 * foreign key cascades, migration V17). Must come before the conversation records in the holders'
 * list, so that an erasure counts the ratings before their conversations take them along. Stateless.
 */
public final class RatingRecords implements PersonalData {
  static final String SECTION = "ratings";

  @Override
  public Map<String, Object> export(Handle handle, DataSubject subject) {
    List<Map<String, Object>> ratings = new ArrayList<>();
    for (UUID conversation : subject.conversationIds()) {
      handle.createQuery("select rating, rated_at from satisfaction_ratings where conversation_id = :conversation")
          .bind("conversation", conversation)
          .map((rs, ctx) -> rating(conversation, rs))
          .findOne()
          .ifPresent(ratings::add);
    }
    return Map.of(SECTION, ratings);
  }

  private static Map<String, Object> rating(UUID conversation, ResultSet rs) throws SQLException {
    Map<String, Object> rating = new LinkedHashMap<>();
    rating.put("conversationId", conversation.toString());
    rating.put("rating", rs.getString("rating"));
    rating.put("ratedAt", rs.getObject("rated_at", OffsetDateTime.class).toInstant().toString());
    return rating;
  }

  @Override
  public Map<String, Integer> erase(Handle handle, DataSubject subject) {
    int deleted = 0;
    for (UUID conversation : subject.conversationIds()) {
      deleted += handle.createUpdate("delete from satisfaction_ratings where conversation_id = :conversation")
          .bind("conversation", conversation).execute();
    }
    return Map.of(SECTION, deleted);
  }

  @Override
  public Map<String, Integer> purge(Handle handle, RetentionPolicy policy, Instant now) {
    return Map.of();
  }
}
