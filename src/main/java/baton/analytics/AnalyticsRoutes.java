package baton.analytics;

import baton.agent.AgentRole;
import baton.agent.AgentRoutes;
import baton.conversation.Conversation;
import baton.conversation.ConversationId;
import baton.conversation.ConversationService;
import baton.platform.ApiException;
import baton.platform.HttpRoutes;
import baton.platform.Json;
import baton.platform.SecureTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/agent/analytics/**} for supervisors and admins: every measure as JSON, the conversations
 * behind a number, and each table as CSV; {@code POST /api/conversations/{id}/rating} for customers (the
 * conversation's bearer token, like the rest of the customer API). The agent session filter of
 * {@link AgentRoutes} has run before these handlers; they check the role. Thread-safe.
 */
public final class AnalyticsRoutes implements HttpRoutes {
  private static final List<String> DRILL_COLUMNS = List.of("channel", "state", "createdAt", "topic", "tier", "team", "handedOff",
      "automated", "handoffs", "rating");

  private final Analytics analytics;
  private final ConversationService conversations;

  public AnalyticsRoutes(Analytics analytics, ConversationService conversations) {
    this.analytics = analytics;
    this.conversations = conversations;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/agent/analytics", this::report);
    routes.get("/api/agent/analytics/{file}", this::file);
    routes.options("/api/conversations/{id}/rating", ctx -> ctx.status(204));
    routes.post("/api/conversations/{id}/rating", this::rate);
    // The page is the static /web/console/analytics/index.html; with trailing slashes ignored, the short
    // address cannot name the folder itself, so it names the file.
    routes.get("/console/analytics", ctx -> ctx.redirect("/console/analytics/index.html"));
  }

  private AnalyticsQuery query(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.SUPERVISOR, AgentRole.ADMIN);
    return AnalyticsQuery.fromParameters(ctx::queryParam, analytics.clock());
  }

  private void report(Context ctx) {
    AnalyticsQuery query = query(ctx);
    Report report = analytics.report(query);
    if ("csv".equals(ctx.queryParam("format"))) {
      String name = ctx.queryParam("table");
      if (name == null || name.isBlank()) {
        throw ApiException.badRequest("CSV is one table at a time: add 'table', one of " + names(report) + ".");
      }
      csv(ctx, name, report.table(name).orElseThrow(() -> unknownTable(name, report)).csv());
      return;
    }
    ctx.json(report.json());
  }

  private void file(Context ctx) {
    String file = ctx.pathParam("file");
    if (file.equals("conversations")) {
      drillDown(ctx);
      return;
    }
    if (!file.endsWith(".csv")) {
      throw ApiException.notFound("Analytics table");
    }
    AnalyticsQuery query = query(ctx);
    String name = file.substring(0, file.length() - ".csv".length());
    Report report = analytics.report(query);
    csv(ctx, name, report.table(name).orElseThrow(() -> unknownTable(name, report)).csv());
  }

  private void drillDown(Context ctx) {
    AnalyticsQuery query = query(ctx);
    String measure = ctx.queryParam("measure");
    String key = ctx.queryParam("key");
    if (measure == null || measure.isBlank() || key == null) {
      throw ApiException.badRequest("Send 'measure' (a table, e.g. handoffsByTopic, or summary) and 'key' (its row, e.g. returns-policy).");
    }
    List<Measures.Reading> behind = analytics.drillDown(query, measure, key)
        .orElseThrow(() -> ApiException.notFound("Row '" + key + "' of measure '" + measure + "'"));
    List<Table.Row> rows = new ArrayList<>();
    for (Measures.Reading reading : behind) {
      rows.add(new Table.Row(reading.id().toString(), java.util.Arrays.asList(reading.facts().channel(), reading.facts().state(),
          reading.facts().createdAt().toString(), reading.topic(), reading.tier(), reading.team(), reading.handedOff(), reading.automated(),
          (long) reading.botHandoffs().size(), reading.facts().rating().map(Rating::wireName).orElse(null)), java.util.Set.of()));
    }
    Table table = new Table("conversations", "Conversations behind " + measure + " / " + key, DRILL_COLUMNS, rows);
    if ("csv".equals(ctx.queryParam("format"))) {
      csv(ctx, "conversations", table.csv());
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Table.Row row : rows) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("id", row.key());
      for (int i = 0; i < DRILL_COLUMNS.size(); i++) {
        line.put(DRILL_COLUMNS.get(i), row.values().get(i));
      }
      out.add(line);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("measure", measure);
    body.put("key", key);
    body.put("conversations", out);
    ctx.json(body);
  }

  private static void csv(Context ctx, String name, String csv) {
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"baton-" + name + ".csv\"");
    ctx.result(csv);
  }

  private static ApiException unknownTable(String name, Report report) {
    return new ApiException(404, "not_found", "No analytics table '" + name + "'; there are " + names(report) + ".");
  }

  private static List<String> names(Report report) {
    return report.tables().stream().map(Table::name).toList();
  }

  /** The customer's one click; a later click replaces it. Only the conversation's own token may rate it. */
  private void rate(Context ctx) {
    ConversationId id = ConversationId.parse(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("Conversation"));
    Conversation conversation = conversations.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    String header = ctx.header("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    if (!SecureTokens.matches(token, conversation.tokenHash())) {
      throw ApiException.unauthorized("Send the conversation token as 'Authorization: Bearer <token>'.");
    }
    JsonNode body = Json.readObject(ctx.body());
    Rating rating = Rating.parse(body.path("rating").isTextual() ? body.path("rating").asText() : null)
        .orElseThrow(() -> ApiException.badRequest("Field 'rating' must be \"good\" or \"bad\"."));
    analytics.rate(id, rating);
    ctx.json(Map.of("rating", rating.wireName()));
  }
}
