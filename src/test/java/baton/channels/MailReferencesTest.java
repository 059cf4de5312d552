package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MailReferencesTest {

  @Test
  void messageId_carriesTheReferenceAndTheFromDomain_andIsReadBack() {
    String id = MailReferences.messageId("BTN-4F2C31BC", "team", "Kestrel Support <support@Kestrel.example>", new Random(7));

    assertThat(id).matches("<btn-4f2c31bc\\.team\\.[0-9a-z]+@kestrel\\.example>");
    assertThat(MailReferences.isOurs(id)).isTrue();
    assertThat(MailReferences.inMessageIds("<CAF=abc@mail.gmail.com>\r\n " + id)).contains("BTN-4F2C31BC");
  }

  @Test
  void messageId_twoMailsOfOneConversation_differ() {
    var random = new Random(7);

    assertThat(MailReferences.messageId("BTN-4F2C31BC", "team", "baton@kestrel.example", random))
        .isNotEqualTo(MailReferences.messageId("BTN-4F2C31BC", "team", "baton@kestrel.example", random));
  }

  @Test
  void inSubject_findsTheReferenceInAnyCase() {
    assertThat(MailReferences.inSubject("RE: AW: [btn-4f2c31bc] We have your message")).contains("BTN-4F2C31BC");
    assertThat(MailReferences.inSubject("BTN-4F2C31BC without brackets")).isEmpty();
    assertThat(MailReferences.inSubject(null)).isEmpty();
  }

  @Test
  void inHeader_acceptsOnlyAReference() {
    assertThat(MailReferences.inHeader(" BTN-4F2C31BC ")).contains("BTN-4F2C31BC");
    assertThat(MailReferences.inHeader("BTN-4F2C31BC; DROP TABLE")).isEmpty();
  }

  @Test
  void isOurs_someoneElsesMessageId_isNot() {
    assertThat(MailReferences.isOurs("<CAF=abc@mail.gmail.com>")).isFalse();
    assertThat(MailReferences.isOurs(null)).isFalse();
  }
}
