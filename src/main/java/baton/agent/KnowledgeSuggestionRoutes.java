package baton.agent;

import baton.compliance.AuditEvent;
import baton.compliance.AuditLog;
import baton.knowledge.LearnedEntry;
import baton.knowledge.LearnedState;
import baton.knowledge.LearningLoop;
import baton.platform.ApiException;
import baton.platform.HttpRoutes;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/agent/knowledge/suggestions}: supervisors review what the bot may learn from agents'
 * reusable answers (list, edit, approve, reject). Supervisor or admin role; the session and CSRF checks
 * of {@link AgentRoutes} cover these routes; every change is an audit entry naming the reviewer.
 * Thread-safe.
 */
public final class KnowledgeSuggestionRoutes implements HttpRoutes {
  private static final Set<String> EDITABLE = Set.of("question", "phrasings", "answer");
  private final LearningLoop learning;
  private final AuditLog audit;

  public KnowledgeSuggestionRoutes(LearningLoop learning, AuditLog audit) {
    this.learning = learning;
    this.audit = audit;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/agent/knowledge/suggestions", this::list);
    routes.patch("/api/agent/knowledge/suggestions/{id}", this::edit);
    routes.post("/api/agent/knowledge/suggestions/{id}/approve", this::approve);
    routes.post("/api/agent/knowledge/suggestions/{id}/reject", this::reject);
  }

  /** {@code ?state=proposed} (default), {@code approved}, {@code rejected} or {@code all}. */
  private void list(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    String wanted = Optional.ofNullable(ctx.queryParam("state")).orElse("proposed");
    Optional<LearnedState> state = wanted.equals("all") ? Optional.empty() : Optional.of(LearnedState.fromWireName(wanted)
        .orElseThrow(() -> ApiException.badRequest("'state' must be proposed, approved, rejected or all.")));
    ctx.json(Map.of("suggestions", learning.list(state).stream().map(KnowledgeSuggestionRoutes::json).toList()));
  }

  /** Body: any of {@code question}, {@code phrasings} (array of text), {@code answer}; the rest stays. */
  private void edit(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    LearnedEntry entry = entry(ctx);
    JsonNode body = Json.readObject(ctx.body());
    List<String> unknown = new ArrayList<>();
    body.fieldNames().forEachRemaining(field -> {
      if (!EDITABLE.contains(field)) {
        unknown.add(field);
      }
    });
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("Unknown field(s) " + unknown + "; a suggestion has " + EDITABLE + ".");
    }
    String question = textOr(body, "question", entry.question());
    String answer = textOr(body, "answer", entry.answer());
    List<String> phrasings = entry.phrasings();
    if (!body.has("phrasings") && !question.strip().equals(entry.question())) {
      // A retitled entry keeps the customer's own words as a phrasing: they are how people really ask.
      phrasings = new ArrayList<>(entry.phrasings());
      phrasings.add(0, entry.question());
    }
    if (body.has("phrasings")) {
      JsonNode array = body.get("phrasings");
      if (!array.isArray()) {
        throw ApiException.badRequest("'phrasings' must be an array of text.");
      }
      List<String> given = new ArrayList<>();
      for (JsonNode item : array) {
        if (!item.isTextual()) {
          throw ApiException.badRequest("'phrasings' must be an array of text.");
        }
        given.add(item.asText());
      }
      phrasings = given;
    }
    LearningLoop.Outcome outcome;
    try {
      outcome = learning.edit(entry.id(), question, phrasings, answer);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    LearnedEntry edited = done(outcome, "edited");
    record(ctx, "knowledge_suggestion_edited", edited, Map.of("fields", List.copyOf(sortedFields(body))));
    ctx.json(Map.of("suggestion", json(edited)));
  }

  private void approve(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    LearnedEntry entry = entry(ctx);
    LearnedEntry approved = done(learning.approve(entry.id(), AgentRoutes.session(ctx).agent().id()), "approved");
    record(ctx, "knowledge_suggestion_approved", approved, Map.of("url", approved.url().orElse("")));
    ctx.json(Map.of("suggestion", json(approved)));
  }

  private void reject(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    LearnedEntry entry = entry(ctx);
    LearnedEntry rejected = done(learning.reject(entry.id(), AgentRoutes.session(ctx).agent().id()), "rejected");
    record(ctx, "knowledge_suggestion_rejected", rejected, Map.of());
    ctx.json(Map.of("suggestion", json(rejected)));
  }

  private LearnedEntry entry(Context ctx) {
    return AgentRoutes.parseUuid(ctx.pathParam("id")).flatMap(learning::find)
        .orElseThrow(() -> ApiException.notFound("Suggestion"));
  }

  private static LearnedEntry done(LearningLoop.Outcome outcome, String verb) {
    return switch (outcome) {
      case LearningLoop.Outcome.Done done -> done.entry();
      case LearningLoop.Outcome.Missing missing -> throw ApiException.notFound("Suggestion");
      case LearningLoop.Outcome.NotAllowed notAllowed -> throw ApiException.conflict("invalid_state",
          "This suggestion is " + notAllowed.state().wireName() + " and cannot be " + verb + ".");
    };
  }

  /** Audit entries name what changed, never the texts themselves (they may be long, and are in the table). */
  private void record(Context ctx, String action, LearnedEntry entry, Map<String, Object> details) {
    var all = new java.util.TreeMap<String, Object>(details);
    all.put("state", entry.state().wireName());
    entry.slug().ifPresent(slug -> all.put("slug", slug));
    audit.append(AuditEvent.of("agent:" + AgentRoutes.session(ctx).agent().id(), action, "knowledge_suggestion:" + entry.id(), all));
  }

  private static List<String> sortedFields(JsonNode body) {
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    fields.sort(null);
    return fields;
  }

  private static String textOr(JsonNode body, String field, String otherwise) {
    if (!body.has(field)) {
      return otherwise;
    }
    if (!body.get(field).isTextual()) {
      throw ApiException.badRequest("'" + field + "' must be text.");
    }
    return body.get(field).asText();
  }

  static Map<String, Object> json(LearnedEntry entry) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", entry.id().toString());
    out.put("state", entry.state().wireName());
    out.put("question", entry.question());
    out.put("phrasings", entry.phrasings());
    out.put("answer", entry.answer());
    out.put("url", entry.url().orElse(null));
    out.put("conversationId", entry.conversationId().map(UUID::toString).orElse(null));
    out.put("proposedBy", entry.proposedBy().map(UUID::toString).orElse(null));
    out.put("createdAt", entry.createdAt().toString());
    out.put("updatedAt", entry.updatedAt().toString());
    out.put("reviewedBy", entry.reviewedBy().map(UUID::toString).orElse(null));
    out.put("reviewedAt", entry.reviewedAt().map(Object::toString).orElse(null));
    return out;
  }
}
