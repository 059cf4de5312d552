package baton.conversation;

import static java.util.Objects.requireNonNull;

import baton.compliance.CustomerDirectory;
import baton.compliance.DataSubject;
import baton.compliance.PersonalData;
import baton.compliance.RetentionPolicy;
import baton.platform.Json;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The conversation feature's share of data rights: customers, conversations, messages, internal notes,
 * handoffs with their context packets, and the decision log — found, exported, erased and purged in
 * this feature's own SQL on the caller's transaction.
 *
 * <p>Retention looks only at closed conversations (state RESOLVED), dated by when they were resolved:
 * one the bot, the queue or an agent still holds is never touched, however old. Each kind expires on
 * its own clock; the conversation row goes once nothing of it is left and its transcript has expired,
 * and the customer row once it has no conversation. A customer's profile (name, email, phone) is
 * blanked with the transcript, since it is what makes the rest personal.
 *
 * <p>Internal notes are exported: they are agents' words about the customer, which the customer has
 * a right to see; the admin reviews the export before sending it (docs/compliance.md).
 *
 * <p>Stateless and thread-safe.
 */
public final class CustomerRecords implements CustomerDirectory, PersonalData {
  private static final String EXPIRED = "state = 'RESOLVED' and coalesce(resolved_at, updated_at) < :cutoff";

  @Override
  public List<DataSubject> find(Handle handle, String customerRef) {
    requireNonNull(customerRef, "customerRef");
    String ref = customerRef.strip();
    List<UUID> customers;
    Optional<UUID> id = uuid(ref);
    if (id.isPresent()) {
      customers = handle.createQuery("select id from customers where id = :id"
              + " union select customer_id from conversations where id = :id")
          .bind("id", id.get()).mapTo(UUID.class).list();
    } else if (ref.contains("@") && ref.length() <= 320) {
      customers = handle.createQuery("select id from customers where lower(email) = :email order by created_at, id")
          .bind("email", ref.toLowerCase(Locale.ROOT)).mapTo(UUID.class).list();
    } else {
      customers = List.of();
    }
    return customers.stream().map(customer -> new DataSubject(customer,
        handle.createQuery("select id from conversations where customer_id = :customer order by created_at, id")
            .bind("customer", customer).mapTo(UUID.class).list())).toList();
  }

  @Override
  public Map<String, Object> export(Handle handle, DataSubject subject) {
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("profile", handle.createQuery("select name, email, phone, external_id, created_at from customers where id = :id")
        .bind("id", subject.customerId())
        .map((rs, ctx) -> {
          Map<String, Object> profile = new LinkedHashMap<>();
          profile.put("name", rs.getString("name"));
          profile.put("email", rs.getString("email"));
          profile.put("phone", rs.getString("phone"));
          profile.put("externalId", rs.getString("external_id"));
          profile.put("createdAt", time(rs, "created_at"));
          return profile;
        })
        .findOne().orElse(null));
    List<Map<String, Object>> conversations = new ArrayList<>();
    for (UUID conversation : subject.conversationIds()) {
      handle.createQuery("select id, channel, state, team_id, assigned_agent_name, created_at, updated_at, resolved_at"
              + " from conversations where id = :id")
          .bind("id", conversation)
          .map((rs, ctx) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", rs.getObject("id", UUID.class).toString());
            view.put("channel", rs.getString("channel"));
            view.put("state", rs.getString("state"));
            view.put("team", rs.getString("team_id"));
            view.put("agentName", rs.getString("assigned_agent_name"));
            view.put("createdAt", time(rs, "created_at"));
            view.put("updatedAt", time(rs, "updated_at"));
            view.put("resolvedAt", time(rs, "resolved_at"));
            return view;
          })
          .findOne()
          .ifPresent(view -> {
            view.put("messages", messages(handle, conversation));
            view.put("handoffs", handoffs(handle, conversation));
            view.put("decisions", decisions(handle, conversation));
            view.put("internalNotes", notes(handle, conversation));
            conversations.add(view);
          });
    }
    sections.put("conversations", conversations);
    return sections;
  }

  private static List<Map<String, Object>> messages(Handle handle, UUID conversation) {
    return handle.createQuery("select seq, author, author_name, body, citations, created_at from messages"
            + " where conversation_id = :id order by seq")
        .bind("id", conversation)
        .map((rs, ctx) -> {
          Map<String, Object> message = new LinkedHashMap<>();
          message.put("seq", rs.getLong("seq"));
          message.put("author", rs.getString("author"));
          message.put("authorName", rs.getString("author_name"));
          message.put("text", rs.getString("body"));
          message.put("citations", json(rs.getString("citations")));
          message.put("createdAt", time(rs, "created_at"));
          return message;
        })
        .list();
  }

  private static List<Map<String, Object>> handoffs(Handle handle, UUID conversation) {
    return handle.createQuery("select team_id, tier_id, reason, detail, created_at, claimed_at, resolved_at, resolution,"
            + " resolution_note, frustration, packet from handoffs where conversation_id = :id order by created_at, id")
        .bind("id", conversation)
        .map((rs, ctx) -> {
          Map<String, Object> handoff = new LinkedHashMap<>();
          handoff.put("team", rs.getString("team_id"));
          handoff.put("tier", rs.getString("tier_id"));
          handoff.put("reason", rs.getString("reason"));
          handoff.put("detail", rs.getString("detail"));
          handoff.put("createdAt", time(rs, "created_at"));
          handoff.put("claimedAt", time(rs, "claimed_at"));
          handoff.put("resolvedAt", time(rs, "resolved_at"));
          handoff.put("resolution", rs.getString("resolution"));
          handoff.put("resolutionNote", rs.getString("resolution_note"));
          handoff.put("frustration", rs.getString("frustration"));
          handoff.put("packet", json(rs.getString("packet")));
          return handoff;
        })
        .list();
  }

  private static List<Map<String, Object>> decisions(Handle handle, UUID conversation) {
    return handle.createQuery("select seq, action, body, created_at from decisions where conversation_id = :id order by seq")
        .bind("id", conversation)
        .map((rs, ctx) -> {
          Map<String, Object> decision = new LinkedHashMap<>();
          decision.put("messageSeq", rs.getLong("seq"));
          decision.put("action", rs.getString("action"));
          decision.put("createdAt", time(rs, "created_at"));
          decision.put("decision", json(rs.getString("body")));
          return decision;
        })
        .list();
  }

  private static List<Map<String, Object>> notes(Handle handle, UUID conversation) {
    return handle.createQuery("select agent_name, body, created_at from agent_notes where conversation_id = :id order by created_at, id")
        .bind("id", conversation)
        .map((rs, ctx) -> {
          Map<String, Object> note = new LinkedHashMap<>();
          note.put("agentName", rs.getString("agent_name"));
          note.put("text", rs.getString("body"));
          note.put("createdAt", time(rs, "created_at"));
          return note;
        })
        .list();
  }

  @Override
  public Map<String, Integer> erase(Handle handle, DataSubject subject) {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    int notes = 0;
    int messages = 0;
    int decisions = 0;
    int handoffs = 0;
    int conversations = 0;
    for (UUID conversation : subject.conversationIds()) {
      notes += deleteFor(handle, "agent_notes", conversation);
      messages += deleteFor(handle, "messages", conversation);
      decisions += deleteFor(handle, "decisions", conversation);
      handoffs += deleteFor(handle, "handoffs", conversation);
      conversations += handle.createUpdate("delete from conversations where id = :id").bind("id", conversation).execute();
    }
    deleted.put("notes", notes);
    deleted.put("messages", messages);
    deleted.put("decisions", decisions);
    deleted.put("handoffs", handoffs);
    deleted.put("conversations", conversations);
    deleted.put("customers", handle.createUpdate("delete from customers where id = :id").bind("id", subject.customerId()).execute());
    return deleted;
  }

  private static int deleteFor(Handle handle, String table, UUID conversation) {
    return handle.createUpdate("delete from " + table + " where conversation_id = :id").bind("id", conversation).execute();
  }

  @Override
  public Map<String, Integer> purge(Handle handle, RetentionPolicy policy, Instant now) {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    RetentionPolicy.cutoff(policy.packets(), now).ifPresent(cutoff ->
        deleted.put("handoffs", deleteExpired(handle, "handoffs", cutoff)));
    RetentionPolicy.cutoff(policy.decisions(), now).ifPresent(cutoff ->
        deleted.put("decisions", deleteExpired(handle, "decisions", cutoff)));
    RetentionPolicy.cutoff(policy.transcripts(), now).ifPresent(cutoff -> {
      deleted.put("notes", deleteExpired(handle, "agent_notes", cutoff));
      deleted.put("messages", deleteExpired(handle, "messages", cutoff));
      // A profile goes only when every conversation of its customer has expired.
      deleted.put("profiles", handle.createUpdate("update customers set name = null, email = null, phone = null, external_id = null"
              + " where (name is not null or email is not null or phone is not null or external_id is not null)"
              + " and exists (select 1 from conversations v where v.customer_id = customers.id)"
              + " and not exists (select 1 from conversations v where v.customer_id = customers.id"
              + " and not (v.state = 'RESOLVED' and coalesce(v.resolved_at, v.updated_at) < :cutoff))")
          .bind("cutoff", at(cutoff)).execute());
      deleted.put("conversations", handle.createUpdate("delete from conversations where " + EXPIRED
              + " and not exists (select 1 from messages m where m.conversation_id = conversations.id)"
              + " and not exists (select 1 from agent_notes n where n.conversation_id = conversations.id)"
              + " and not exists (select 1 from handoffs h where h.conversation_id = conversations.id)"
              + " and not exists (select 1 from decisions d where d.conversation_id = conversations.id)")
          .bind("cutoff", at(cutoff)).execute());
      deleted.put("customers", handle.createUpdate("delete from customers where created_at < :cutoff"
              + " and not exists (select 1 from conversations v where v.customer_id = customers.id)")
          .bind("cutoff", at(cutoff)).execute());
    });
    return deleted;
  }

  private static int deleteExpired(Handle handle, String table, Instant cutoff) {
    return handle.createUpdate("delete from " + table + " where conversation_id in (select id from conversations where " + EXPIRED + ")")
        .bind("cutoff", at(cutoff)).execute();
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Optional<UUID> uuid(String text) {
    if (!text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      return Optional.empty();
    }
    return Optional.of(UUID.fromString(text));
  }

  private static String time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant().toString();
  }

  /** Stored JSON as a tree, so the export holds it as JSON rather than as an escaped string. */
  private static Object json(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return Json.readTree(stored);
    } catch (UncheckedIOException e) {
      return stored;
    }
  }
}
