package baton.compliance;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A customer pastes a card number, its code and a password into the chat: the stored message, the
 * transcript, the agent's view and the packet carry only masks; the customer is told kindly; the audit
 * log records the redaction and verifies, and fails once a row is altered; and no byte of the database
 * holds the raw card number.
 */
class RedactionEndToEndTest {
  private static final String CARD = "4539 1488 0343 6467";

  @Test
  void pastedCard_isStoredMasked_agentSeesTheMask_auditRecordsIt_andTheDatabaseNeverHoldsIt() throws IOException {
    Path dataDir;
    try (var server = TestServer.demo()) {
      dataDir = server.dataDir();
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());

      var posted = customer.post("/api/conversations/" + id + "/messages",
          "{\"text\":\"my card " + CARD + " cvv 123 was declined for order KO-48213, my password is Hunter2Secret!\"}", "Authorization", auth);
      assertThat(posted.status()).isEqualTo(201);
      String stored = posted.json().path("message").path("text").asText();
      assertThat(stored).contains("[card •••• 6467]").contains("[security code]").contains("my password is [password]")
          .contains("KO-48213").doesNotContain("4539").doesNotContain("Hunter2Secret");
      assertThat(posted.json().path("state").asText()).isEqualTo("QUEUED");
      assertThat(posted.json().path("replies").get(0).path("text").asText())
          .startsWith("For your safety I've hidden the payment card number").contains("our team will never ask for them");

      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
      JsonNode view = alice.get("/api/agent/conversations/" + id).json();
      assertThat(view.toString()).contains("[card •••• 6467]").doesNotContain("4539 1488").doesNotContain("Hunter2Secret");
      assertThat(view.path("packet").path("customer").path("orderIds").get(0).asText()).isEqualTo("KO-48213");
      alice.agentPost("/api/agent/conversations/" + id + "/claim", "");
      var reply = alice.agentPost("/api/agent/conversations/" + id + "/messages", "{\"text\":\"Got it; I will not need 4539148803436467 again\"}");
      assertThat(reply.json().path("message").path("text").asText()).contains("[card •••• 6467]").doesNotContain("4539148803436467");

      var audit = new JdbiAuditLog(server.baton().database().jdbi(), Clock.systemUTC());
      var redactions = audit.page(0, 1000).stream().filter(entry -> entry.action().equals("redaction")).toList();
      assertThat(redactions).hasSize(2);
      assertThat(redactions.get(0).details()).contains("payment_card").contains("password").doesNotContain("4539");
      assertThat(audit.verify().intact()).isTrue();

      server.baton().database().jdbi().useHandle(handle -> handle.execute(
          "update audit_log set details = replace(details, 'password', 'nothing') where action = 'redaction'"));
      assertThat(audit.verify().intact()).as("altering a row breaks the chain").isFalse();
    }
  }

  @Test
  void databaseFiles_neverHoldTheRawCardNumber() throws IOException {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
      customer.post("/api/conversations/" + started.json().path("id").asText() + "/messages",
          "{\"text\":\"card " + CARD + "\"}", "Authorization", bearer(started.json().path("token").asText()));
      server.baton().close(); // flush H2 to disk
      try (Stream<Path> files = Files.walk(server.dataDir())) {
        for (Path file : files.filter(path -> path.toString().endsWith(".db")).toList()) {
          String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(bytes).as(file.toString()).doesNotContain(CARD).doesNotContain(CARD.replace(" ", ""));
          assertThat(bytes).as("the mask is there, so this scan can see stored text").contains("6467]");
        }
      }
    }
  }
}
