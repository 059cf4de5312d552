package baton.knowledge;

import baton.platform.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link LearnedKnowledge} in the {@code learned_knowledge} table, one SQL dialect for H2 (PostgreSQL
 * mode) and PostgreSQL. Phrasings are a JSON array in one column: they are read and written whole,
 * never queried. Thread-safe: every change is one conditional statement.
 */
public final class JdbiLearnedKnowledge implements LearnedKnowledge {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String COLUMNS = "id, state, question, phrasings, answer, slug, handoff_id, conversation_id,"
      + " proposed_by, created_at, updated_at, reviewed_by, reviewed_at";
  private final Jdbi jdbi;
  private final Clock clock;

  public JdbiLearnedKnowledge(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public Optional<LearnedEntry> propose(Proposal proposal) {
    UUID id = UUID.randomUUID();
    Instant now = now();
    return jdbi.inTransaction(handle -> {
      if (proposal.handoffId().isPresent() && handle.createQuery("select count(*) from learned_knowledge where handoff_id = :handoff")
          .bind("handoff", proposal.handoffId().get()).mapTo(Integer.class).one() > 0) {
        return Optional.<LearnedEntry>empty();
      }
      handle.createUpdate("insert into learned_knowledge (" + COLUMNS + ") values (:id, 'proposed', :question, :phrasings, :answer,"
              + " null, :handoff, :conversation, :proposedBy, :now, :now, null, null)")
          .bind("id", id)
          .bind("question", proposal.question())
          .bind("phrasings", json(proposal.phrasings()))
          .bind("answer", proposal.answer())
          .bind("handoff", proposal.handoffId().orElse(null))
          .bind("conversation", proposal.conversationId().orElse(null))
          .bind("proposedBy", proposal.proposedBy().orElse(null))
          .bind("now", now)
          .execute();
      return find(handle, id);
    });
  }

  @Override
  public Optional<LearnedEntry> find(UUID id) {
    return jdbi.withHandle(handle -> find(handle, id));
  }

  private static Optional<LearnedEntry> find(Handle handle, UUID id) {
    return handle.createQuery("select " + COLUMNS + " from learned_knowledge where id = :id").bind("id", id)
        .map((rs, ctx) -> entry(rs)).findOne();
  }

  @Override
  public List<LearnedEntry> list(Optional<LearnedState> state) {
    return jdbi.withHandle(handle -> {
      var query = handle.createQuery("select " + COLUMNS + " from learned_knowledge"
          + (state.isPresent() ? " where state = :state" : "") + " order by created_at, id");
      state.ifPresent(wanted -> query.bind("state", wanted.wireName()));
      return query.map((rs, ctx) -> entry(rs)).list();
    });
  }

  @Override
  public Optional<LearnedEntry> edit(UUID id, String question, List<String> phrasings, String answer) {
    return jdbi.inTransaction(handle -> {
      int changed = handle.createUpdate("update learned_knowledge set question = :question, phrasings = :phrasings, answer = :answer,"
              + " updated_at = :now where id = :id and state <> 'rejected'")
          .bind("id", id).bind("question", question).bind("phrasings", json(phrasings)).bind("answer", answer).bind("now", now())
          .execute();
      return changed == 1 ? find(handle, id) : Optional.<LearnedEntry>empty();
    });
  }

  @Override
  public Optional<LearnedEntry> approve(UUID id, UUID reviewer, String slug) {
    return review(id, reviewer, LearnedState.APPROVED, slug);
  }

  @Override
  public Optional<LearnedEntry> reject(UUID id, UUID reviewer) {
    // The slug stays taken: a withdrawn entry's old citations must never lead to another entry's answer.
    return jdbi.inTransaction(handle -> {
      int changed = handle.createUpdate("update learned_knowledge set state = 'rejected', reviewed_by = :reviewer, reviewed_at = :now,"
              + " updated_at = :now where id = :id and state in ('proposed', 'approved')")
          .bind("id", id).bind("reviewer", reviewer).bind("now", now()).execute();
      return changed == 1 ? find(handle, id) : Optional.<LearnedEntry>empty();
    });
  }

  private Optional<LearnedEntry> review(UUID id, UUID reviewer, LearnedState to, String slug) {
    Instant now = now();
    return jdbi.inTransaction(handle -> {
      int changed = handle.createUpdate("update learned_knowledge set state = :state, slug = :slug, reviewed_by = :reviewer,"
              + " reviewed_at = :now, updated_at = :now where id = :id and state = 'proposed'")
          .bind("id", id).bind("state", to.wireName()).bind("slug", slug).bind("reviewer", reviewer).bind("now", now)
          .execute();
      return changed == 1 ? find(handle, id) : Optional.<LearnedEntry>empty();
    });
  }

  @Override
  public boolean slugTaken(String slug) {
    return jdbi.withHandle(handle -> handle.createQuery("select count(*) from learned_knowledge where slug = :slug")
        .bind("slug", slug).mapTo(Integer.class).one() > 0);
  }

  /** The entries proposed from these conversations, oldest first: a customer's data export. Runs on the caller's handle. */
  public static List<LearnedEntry> fromConversations(Handle handle, List<UUID> conversations) {
    List<LearnedEntry> entries = new java.util.ArrayList<>();
    for (UUID conversation : conversations) {
      entries.addAll(handle.createQuery("select " + COLUMNS + " from learned_knowledge where conversation_id = :conversation"
              + " order by created_at, id")
          .bind("conversation", conversation).map((rs, ctx) -> entry(rs)).list());
    }
    return entries;
  }

  /**
   * Forgets these conversations (a customer's erasure). A proposal never published — waiting for review,
   * or rejected — holds a customer's words that no one approved: it is deleted. An entry a supervisor
   * published is the company's content: it stays, no longer linked to the conversation; so does a
   * withdrawn one, whose address stays reserved. Returns the entries deleted. Runs on the caller's handle.
   */
  public static int forgetConversations(Handle handle, List<UUID> conversations) {
    int deleted = 0;
    for (UUID conversation : conversations) {
      deleted += handle.createUpdate("delete from learned_knowledge where conversation_id = :conversation and slug is null")
          .bind("conversation", conversation).execute();
      handle.createUpdate("update learned_knowledge set conversation_id = null, handoff_id = null where conversation_id = :conversation")
          .bind("conversation", conversation).execute();
    }
    return deleted;
  }

  /**
   * The retention purge: proposals made before {@code cutoff} (the transcripts' retention) and never
   * published are deleted, and published ones lose their link to the conversation, as in
   * {@link #forgetConversations}. Returns the entries deleted. Runs on the caller's handle.
   */
  public static int forgetProposedBefore(Handle handle, Instant cutoff) {
    int deleted = handle.createUpdate("delete from learned_knowledge where created_at < :cutoff and slug is null")
        .bind("cutoff", cutoff).execute();
    handle.createUpdate("update learned_knowledge set conversation_id = null, handoff_id = null where created_at < :cutoff"
            + " and conversation_id is not null")
        .bind("cutoff", cutoff).execute();
    return deleted;
  }

  private static LearnedEntry entry(ResultSet rs) throws SQLException {
    String stateName = rs.getString("state");
    LearnedState state = LearnedState.fromWireName(stateName).orElseThrow(() -> new SQLException("unknown state " + stateName));
    return new LearnedEntry(rs.getObject("id", UUID.class), state,
        rs.getString("question"), strings(rs.getString("phrasings")), rs.getString("answer"),
        Optional.ofNullable(rs.getString("slug")), Optional.ofNullable(rs.getObject("handoff_id", UUID.class)),
        Optional.ofNullable(rs.getObject("conversation_id", UUID.class)), Optional.ofNullable(rs.getObject("proposed_by", UUID.class)),
        instant(rs, "created_at"), instant(rs, "updated_at"), Optional.ofNullable(rs.getObject("reviewed_by", UUID.class)),
        Optional.ofNullable(rs.getObject("reviewed_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static String json(List<String> values) {
    return Json.write(values);
  }

  private static List<String> strings(String json) throws SQLException {
    try {
      return Json.mapper().readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("phrasings are not a JSON array of text", e);
    }
  }
}
