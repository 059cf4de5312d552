package baton.agent;

import static java.util.Objects.requireNonNull;

import baton.compliance.DataRights;
import baton.compliance.RetentionPurge;
import baton.platform.ApiException;
import baton.platform.HttpRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/agent/admin/customers/{ref}} and {@code /api/agent/admin/retention/purge}: a customer's
 * data as one JSON document, its erasure, and a retention purge on demand. Admins only: these reach
 * every conversation a customer ever had. The session and CSRF checks of {@link AgentRoutes} cover
 * these routes; {@link DataRights} and {@link RetentionPurge} write the audit entries, naming the
 * admin. Thread-safe.
 */
public final class CustomerDataRoutes implements HttpRoutes {
  private final DataRights rights;
  private final RetentionPurge purge;

  public CustomerDataRoutes(DataRights rights, RetentionPurge purge) {
    this.rights = requireNonNull(rights, "rights");
    this.purge = requireNonNull(purge, "purge");
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/api/agent/admin/customers/{ref}/export", this::export);
    routes.delete("/api/agent/admin/customers/{ref}", this::erase);
    routes.post("/api/agent/admin/retention/purge", this::purge);
  }

  private void export(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.ADMIN);
    Map<String, Object> document = rights.export(ref(ctx), actor(ctx)).orElseThrow(CustomerDataRoutes::noCustomer);
    // A file to hand over, not a page to render; and never kept by a shared cache.
    ctx.header("Content-Disposition", "attachment; filename=\"customer-export.json\"");
    ctx.header("Cache-Control", "no-store");
    ctx.json(document);
  }

  private void erase(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.ADMIN);
    DataRights.Erasure erasure = rights.erase(ref(ctx), actor(ctx)).orElseThrow(CustomerDataRoutes::noCustomer);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customers", erasure.customers());
    body.put("deleted", erasure.deleted());
    ctx.json(Map.of("erased", body));
  }

  private void purge(Context ctx) {
    AgentRoutes.requireRole(ctx, AgentRole.ADMIN);
    RetentionPurge.Report report = purge.run(actor(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deleted", report.deleted());
    body.put("auditCheckpoint", report.auditCheckpoint().toString());
    ctx.json(Map.of("purge", body));
  }

  private static String ref(Context ctx) {
    String ref = ctx.pathParam("ref").strip();
    if (ref.isEmpty() || ref.length() > 320) {
      throw ApiException.badRequest("Name the customer by customer id, conversation id or email address (at most 320 characters).");
    }
    return ref;
  }

  private static String actor(Context ctx) {
    return "agent:" + AgentRoutes.session(ctx).agent().id();
  }

  private static ApiException noCustomer() {
    return new ApiException(404, "not_found", "No customer with this customer id, conversation id or email address"
        + " (erased customers are gone for good).");
  }
}
