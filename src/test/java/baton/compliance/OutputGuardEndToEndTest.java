package baton.compliance;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.Demo;
import baton.TestServer;
import baton.platform.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Through the real HTTP API on the demo bot: an FAQ someone wrote carelessly asks customers for their
 * password. The bot would quote it; the guard stops it, the customer gets the honest handoff to the
 * urgent tier instead, the decision log names the rule, the audit log holds an {@code output_blocked}
 * entry and still verifies. And the demo spec's own pattern (Kestrel Club card numbers) is masked
 * before anything is stored.
 */
class OutputGuardEndToEndTest {
  private static final String CARELESS_FAQ = """
      - question: How do I link my Kestrel Club card to my account?
        answer: >-
          Happy to link it for you. Please reply with your account password and your Kestrel Club card number, and I will
          link the card to your account straight away.
        alternatives: [link my club card, add my loyalty card to my account, connect Kestrel Club card]
      """;
  private static final String CLUB_CARD = "KC-40817325";
  private static final String PAYMENT_CARD = "4539 1488 0343 6467";

  @Test
  void faqAskingForAPassword_isStopped_customerIsHandedOffHonestly_logsNameTheRule_andTheChainVerifies() throws IOException {
    Path dir = Files.createTempDirectory("baton-guard-");
    Path spec = Demo.installFiles(dir.resolve("demo"));
    Files.writeString(spec.resolveSibling("faq.yaml"), CARELESS_FAQ, StandardOpenOption.APPEND);
    try (var server = TestServer.demoIn(dir)) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());

      var posted = customer.post("/api/conversations/" + id + "/messages",
          "{\"text\":\"How do I link my Kestrel Club card to my account?\"}", "Authorization", auth);

      assertThat(posted.status()).isEqualTo(201);
      assertThat(posted.json().path("state").asText()).isEqualTo("QUEUED");
      String reply = posted.json().path("replies").get(0).path("text").asText();
      assertThat(reply).startsWith("I can't answer that one safely myself, so I'm bringing in a person from our team instead.")
          .doesNotContain("password");
      JsonNode transcript = customer.get("/api/conversations/" + id + "/messages", "Authorization", auth).json();
      assertThat(transcript.toString()).doesNotContain("reply with your account password");

      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
      JsonNode view = alice.get("/api/agent/conversations/" + id).json();
      JsonNode decision = view.path("decisions").get(0);
      assertThat(decision.path("blocked").asText()).isEqualTo("never_ask:password");
      assertThat(decision.path("reason").asText()).isEqualTo("output_blocked");
      assertThat(decision.path("tier").asText()).isEqualTo("urgent");
      assertThat(decision.path("rule").asText()).contains("output guard").contains("never_ask:password").contains("/kb/faq");

      var audit = new JdbiAuditLog(server.baton().database().jdbi(), Clock.systemUTC());
      List<AuditEntry> blocks = audit.page(0, 1000).stream().filter(entry -> entry.action().equals("output_blocked")).toList();
      assertThat(blocks).singleElement().satisfies(entry -> {
        assertThat(entry.actor()).isEqualTo("bot");
        assertThat(entry.subject()).isEqualTo("conversation:" + id);
        assertThat(entry.details()).contains("never_ask:password");
      });
      assertThat(audit.verify().intact()).isTrue();
    } finally {
      TestDatabases.deleteQuietly(dir);
    }
  }

  @Test
  void specCustomPattern_andSecretsInStartFieldsAndClientIds_areMaskedInRepliesAgentViewsAndTheDatabaseFiles() throws IOException {
    try (var server = TestServer.demo()) {
      var customer = new ApiClient(server);
      // Start fields and client ids are typed by the client too: a card pasted there is masked or hashed.
      var started = customer.post("/api/conversations", "{\"name\":\"Ada " + PAYMENT_CARD + "\"}");
      String id = started.json().path("id").asText();
      var posted = customer.post("/api/conversations/" + id + "/messages",
          "{\"text\":\"my Kestrel Club card " + CLUB_CARD + " is not earning points, talk to a human\",\"clientId\":\"" + PAYMENT_CARD + "\"}",
          "Authorization", bearer(started.json().path("token").asText()));
      assertThat(posted.json().path("message").path("text").asText()).isEqualTo("my Kestrel Club card [Kestrel Club card] is not earning points, talk to a human");
      assertThat(posted.json().path("state").asText()).as("handed off, so agents can read it").isEqualTo("QUEUED");

      var alice = new ApiClient(server);
      alice.login(Demo.AGENTS.getFirst().email(), Demo.AGENTS.getFirst().password());
      assertThat(alice.get("/api/agent/conversations/" + id).body()).doesNotContain(CLUB_CARD).doesNotContain(PAYMENT_CARD)
          .contains("Ada [card •••• 6467]");
      var audit = new JdbiAuditLog(server.baton().database().jdbi(), Clock.systemUTC());
      assertThat(audit.page(0, 1000)).anySatisfy(entry -> {
        assertThat(entry.action()).isEqualTo("redaction");
        assertThat(entry.details()).contains("custom");
      });

      server.baton().close(); // flush H2 to disk
      List<Path> scanned = new ArrayList<>();
      try (Stream<Path> files = Files.walk(server.dataDir())) {
        for (Path file : files.filter(path -> path.toString().endsWith(".db")).toList()) {
          String bytes = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
          assertThat(bytes).as(file.toString()).doesNotContain(CLUB_CARD).doesNotContain("40817325").doesNotContain(PAYMENT_CARD)
              .doesNotContain(PAYMENT_CARD.replace(" ", ""));
          if (bytes.contains("[Kestrel Club card]")) {
            scanned.add(file);
          }
        }
      }
      assertThat(scanned).as("the mask is there, so the scan can see stored text").isNotEmpty();
    }
  }
}
