package baton.channels;

import static baton.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import baton.ApiClient;
import baton.TestServer;
import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An email-tier handoff through the real chat API and a real SMTP server (GreenMail, in process, on
 * loopback): after six turns the demo's loop rule sends the conversation to the email tier; the bot
 * asks once for the email address to reply to; the team inbox gets the summary, the transcript and
 * the packet as JSON; the customer gets a confirmation with the reference and the promised time.
 */
class EmailHandoffEndToEndTest {
  private GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void loopToTheEmailTier_mailsTheTeamThePacket_andConfirmsToTheCustomer() throws Exception {
    var settings = new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "baton@kestrel.example", Optional.empty(), Optional.empty(),
        false);
    try (var server = TestServer.demoWithMail(settings)) {
      var customer = new ApiClient(server);
      var started = customer.post("/api/conversations", "{\"name\":\"Ada\"}");
      String id = started.json().path("id").asText();
      String auth = bearer(started.json().path("token").asText());
      List<String> questions = List.of("how long does standard shipping take", "which payment methods do you accept",
          "can I pay with paypal", "what time does the store open", "do gift cards expire", "how do I wash a down jacket");
      JsonNode last = null;
      for (String question : questions) {
        last = say(customer, id, auth, question);
      }
      assertThat(last.path("state").asText()).as("the loop rule first asks where to reply").isEqualTo("BOT");
      assertThat(last.path("replies").get(0).path("text").asText()).contains("email address");

      JsonNode handedOff = say(customer, id, auth, "ada@example.com please");
      assertThat(handedOff.path("state").asText()).isEqualTo("QUEUED");
      assertThat(handedOff.path("replies").get(0).path("text").asText()).contains("by email").contains("about 4 hours");

      assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
      MimeMessage toTeam = received("support@kestrel.example");
      String reference = "BTN-" + id.substring(0, 8).toUpperCase(java.util.Locale.ROOT);
      assertThat(toTeam.getSubject()).startsWith("[" + reference + "] Ada: ").endsWith("(Email)");
      assertThat(toTeam.getReplyTo()).extracting(Object::toString).as("agents' replies reach the inbox Baton reads too")
          .containsExactly("ada@example.com", "support@kestrel.example");
      String hex = reference.substring(4).toLowerCase(java.util.Locale.ROOT);
      assertThat(toTeam.getMessageID()).as("replies' In-Reply-To names the conversation")
          .matches("<btn-" + hex + "\\.team\\.[0-9a-z]+@kestrel\\.example>");
      assertThat(MailReferences.inMessageIds(toTeam.getMessageID())).contains(reference);
      var parts = (MimeMultipart) toTeam.getContent();
      String body = GreenMailUtil.getBody(parts.getBodyPart(0));
      assertThat(body.indexOf("Wants: how long does standard shipping take")).as("summary first").isLessThan(body.indexOf("Transcript:"));
      assertThat(body).contains("Customer: Ada <ada@example.com>").contains("Why escalated: ").contains("loop");
      BodyPart attachment = parts.getBodyPart(1);
      assertThat(attachment.getFileName()).isEqualTo("handoff-packet-" + reference + ".json");
      JsonNode packet = Json.readTree(new String(attachment.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(packet.path("escalation").path("tier").path("channel").asText()).isEqualTo("email");
      assertThat(packet.path("customer").path("email").asText()).isEqualTo("ada@example.com");

      MimeMessage toCustomer = received("ada@example.com");
      assertThat(toCustomer.getSubject()).isEqualTo("[" + reference + "] We have your message");
      assertThat(toCustomer.getMessageID()).matches("<btn-" + hex + "\\.customer\\.[0-9a-z]+@kestrel\\.example>");
      assertThat(GreenMailUtil.getBody(toCustomer)).contains("Hi Ada").contains("about 4 hours").contains(reference);
    }
  }

  private MimeMessage received(String address) throws Exception {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        return message;
      }
    }
    throw new AssertionError("no mail to " + address);
  }

  private static JsonNode say(ApiClient customer, String id, String auth, String text) {
    var response = customer.post("/api/conversations/" + id + "/messages", Json.write(Map.of("text", text)), "Authorization", auth);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }
}
