package baton;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real conversations on the demo server's H2 file, exported with {@code baton conversations export}
 * once the server has stopped, then replayed with {@code baton replay --conversations} through the demo
 * spec twice: the what-if of an unchanged spec is no change, and agrees with what really happened.
 */
class ConversationExportRoundTripTest {
  @TempDir Path dir;

  private static String talk(ApiClient customer, String startBody, String... messages) {
    var started = customer.post("/api/conversations", startBody);
    assertThat(started.status()).isEqualTo(201);
    String id = started.json().path("id").asText();
    String auth = bearer(started.json().path("token").asText());
    for (String message : messages) {
      assertThat(customer.post("/api/conversations/" + id + "/messages", Json.write(java.util.Map.of("text", message)), "Authorization", auth)
          .status()).isEqualTo(201);
    }
    return id;
  }

  private static StringWriter[] execute(int expectedExit, String... args) {
    var command = Cli.commandLine(Optional.empty(), name -> null);
    var out = new StringWriter();
    var err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    assertThat(command.execute(args)).as(err.toString()).isEqualTo(expectedExit);
    return new StringWriter[] {out, err};
  }

  @Test
  void exportThenReplay_sameSpec_reproducesTheRealHandoffs_andShowsNoChange() throws IOException {
    String routine;
    String human;
    try (var server = TestServer.demoIn(dir)) {
      var customer = new ApiClient(server);
      routine = talk(customer, "{\"name\":\"Ada\"}", "How long does standard shipping take?");
      human = talk(customer, "{\"name\":\"Ben\",\"email\":\"ben@example.com\"}", "which payment methods do you accept", "Can I talk to a human please?");
      // Alice takes the handoff and resolves it, so the export has a measured handle time.
      var agent = new ApiClient(server);
      Demo.DemoAgent alice = Demo.AGENTS.getFirst();
      assertThat(agent.login(alice.email(), alice.password()).status()).isEqualTo(200);
      assertThat(agent.agentPost("/api/agent/conversations/" + human + "/claim", "").status()).isEqualTo(200);
      assertThat(agent.agentPost("/api/agent/conversations/" + human + "/resolve", "").status()).isEqualTo(200);
    }

    Path export = dir.resolve("export.jsonl");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    execute(0, "conversations", "export", "--data-dir", dir.toString(), "--out", export.toString(), "--from", today, "--to", today);

    List<String> lines = Files.readAllLines(export);
    assertThat(lines).hasSize(2);
    JsonNode first = Json.readTree(lines.get(0));
    JsonNode second = Json.readTree(lines.get(1));
    assertThat(first.path("id").asText()).isEqualTo(routine);
    assertThat(first.path("channel").asText()).isEqualTo("web");
    assertThat(first.path("customerMessages").get(0).asText()).isEqualTo("How long does standard shipping take?");
    assertThat(first.path("customerKnown")).hasSize(1);
    assertThat(first.path("handoff").isNull()).isTrue();
    assertThat(second.path("id").asText()).isEqualTo(human);
    assertThat(second.path("customerMessages")).hasSize(2);
    assertThat(second.path("customerKnown").toString()).isEqualTo("[\"name\",\"email\"]");
    assertThat(second.path("handoff").path("tier").asText()).isEqualTo("urgent");
    assertThat(second.path("handoff").path("reason").asText()).isEqualTo("human_request");
    assertThat(second.path("handoff").path("handleMinutes").isNumber()).isTrue();
    assertThat(second.path("handoff").path("handleMinutes").asDouble()).isBetween(0.0, 5.0);

    // A day before any conversation: nothing.
    Path empty = dir.resolve("empty.jsonl");
    execute(0, "conversations", "export", "--data-dir", dir.toString(), "--out", empty.toString(), "--to", "2020-01-01");
    assertThat(Files.readAllLines(empty)).isEmpty();

    Path spec = dir.resolve("demo/bot.yaml");
    Path report = dir.resolve("report.json");
    StringWriter[] replayed = execute(0, "replay", "--conversations", export.toString(), "--current-spec", spec.toString(), "--spec",
        spec.toString(), "--report", report.toString(), "--tier-minutes", "urgent=6");

    assertThat(replayed[0].toString()).contains("current").contains("change").contains("tier urgent");
    JsonNode json = Json.readTree(Files.readString(report));
    for (String side : List.of("current", "new")) {
      assertThat(json.path(side).path("conversations").asInt()).isEqualTo(2);
      assertThat(json.path(side).path("handoffs").asInt()).isEqualTo(1);
      assertThat(json.path(side).path("handoffsByTier").path("urgent").asInt()).isEqualTo(1);
      assertThat(json.path(side).path("handoffsByReason").path("human_request").asInt()).isEqualTo(1);
      assertThat(json.path(side).path("answered").asInt()).isEqualTo(2);
    }
    for (JsonNode row : json.path("rows")) {
      assertThat(row.path("change").asDouble()).as(row.path("measure").asText()).isZero();
    }
    // One urgent handoff at the given 6 minutes (over the few seconds measured): a tenth of an agent-hour.
    JsonNode hours = null;
    for (JsonNode row : json.path("rows")) {
      if (row.path("measure").asText().equals("agent-hours")) {
        hours = row;
      }
    }
    assertThat(hours).isNotNull();
    assertThat(hours.path("current").asDouble()).isEqualTo(0.1);
    assertThat(json.path("handleMinutes").path("urgent").asText()).isEqualTo("6 min (given)");
  }
}
