package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The new text of replies as the common mail clients write them. */
class ReplyTextTest {

  @Test
  void fromPlain_gmailReply_keepsOnlyTheNewText() {
    String mail = """
        Thanks, that worked!

        On Mon, Jun 3, 2024 at 10:15 AM Kestrel Support <support@kestrel.example> wrote:
        > Hello Ada,
        >
        > your parcel left the warehouse today.
        """;

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Thanks, that worked!");
  }

  @Test
  void fromPlain_gmailAttributionWrappedOverTwoLines_isStillCut() {
    String mail = """
        Yes please, send a new one.

        On Mon, 3 Jun 2024 at 10:15, Kestrel Support <
        support@kestrel.example> wrote:

        > Shall we send a replacement?
        """;

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Yes please, send a new one.");
  }

  @Test
  void fromPlain_outlookHeaderBlockAfterARule_isCut() {
    String mail = """
        Order 4411 arrived damaged, the box was crushed.

        ________________________________
        From: Kestrel Support <support@kestrel.example>
        Sent: Monday, June 3, 2024 10:15 AM
        To: Ada Lovelace <ada@example.com>
        Subject: [BTN-4F2C31BC] We have your message

        Hello Ada,
        thank you for getting in touch.
        """;

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Order 4411 arrived damaged, the box was crushed.");
  }

  @Test
  void fromPlain_outlookBoldHeaderBlockWithoutRule_isCut() {
    String mail = """
        Photos attached.

        *From:* Kestrel Support <support@kestrel.example>
        *Sent:* Monday, June 3, 2024 10:15 AM
        *To:* Ada Lovelace
        Hello Ada
        """;

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Photos attached.");
  }

  @Test
  void fromPlain_originalMessageRule_isCut() {
    String mail = "I still have no refund.\r\n\r\n-----Original Message-----\r\nFrom: support@kestrel.example\r\nHello\r\n";

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("I still have no refund.");
  }

  @Test
  void fromPlain_appleMailFromAPhone_dropsTheDeviceLineAndTheQuote() {
    String mail = """
        Sure, Tuesday works.

        Sent from my iPhone

        > On 3 Jun 2024, at 10:15, Kestrel Support <support@kestrel.example> wrote:
        >\s
        > Would Tuesday work for the pickup?
        """;

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Sure, Tuesday works.");
  }

  @Test
  void fromPlain_signatureDelimiter_cutsTheSignature() {
    String mail = "Thanks a lot,\nAda\n\n-- \nAda Lovelace\nAnalytical Engines Ltd\n+44 20 7946 0000\n";

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Thanks a lot,\nAda");
  }

  @Test
  void fromPlain_answersBetweenQuotedLines_keepsTheAnswers() {
    String mail = """
        > What is your order number?
        4411

        > Which colour did you order?
        Dark green.
        """;

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("4411\n\nDark green.");
  }

  @Test
  void fromPlain_thunderbirdNameWroteAboveQuote_isCut() {
    String mail = "Got it.\n\nKestrel Support wrote:\n> Your refund is on its way.\n";

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Got it.");
  }

  @Test
  void fromPlain_germanAndFrenchAttributions_areCut() {
    assertThat(ReplyText.fromPlain("Danke!\n\nAm 03.06.2024 um 10:15 schrieb Kestrel Support <support@kestrel.example>:\n> Hallo"))
        .isEqualTo("Danke!");
    assertThat(ReplyText.fromPlain("Merci !\n\nLe lun. 3 juin 2024 à 10:15, Kestrel <support@kestrel.example> a écrit :\n> Bonjour"))
        .isEqualTo("Merci !");
  }

  @Test
  void fromPlain_plainMailWithoutQuote_keepsEveryParagraph() {
    String mail = "Hello,\n\n\n\nmy jacket has a torn seam.   \nCan I send it back?\n\nAda\n";

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("Hello,\n\nmy jacket has a torn seam.\nCan I send it back?\n\nAda");
  }

  @Test
  void fromPlain_customerSayingWhatTheyWrote_isNotMistakenForAQuote() {
    String mail = "On Monday I wrote:\nthe parcel never came.\n";

    assertThat(ReplyText.fromPlain(mail)).isEqualTo("On Monday I wrote:\nthe parcel never came.");
  }

  @Test
  void fromPlain_controlCharacters_areRemoved() {
    assertThat(ReplyText.fromPlain("a\u0000b\u0007c\u200Bd\te")).isEqualTo("abcd\te");
  }

  @Test
  void fromPlain_veryLongMail_isCappedNotRefused() {
    String text = ReplyText.fromPlain("x".repeat(50_000));

    assertThat(text).hasSize(ReplyText.MAX_CHARS).endsWith("…");
  }

  @Test
  void fromPlain_nothingButAQuote_isEmpty() {
    assertThat(ReplyText.fromPlain("> only the old text\n> again\n")).isEmpty();
    assertThat(ReplyText.fromPlain(null)).isEmpty();
  }

  @Test
  void fromHtml_scriptsStylesAndMarkup_leaveOnlyText() {
    String html = """
        <html><head><style>p { color: red }</style><script>alert('head')</script></head>
        <body><p>It arrived <b>broken</b> &amp; late.<script>document.cookie</script></p>
        <p>Order&nbsp;4411<br>Ada</p><img src="x" onerror="alert(1)"></body></html>
        """;

    assertThat(ReplyText.fromHtml(html)).isEqualTo("It arrived broken & late.\n\nOrder 4411\nAda");
  }

  @Test
  void fromHtml_gmailQuote_isDropped() {
    String html = """
        <div dir="ltr">Thanks, that worked!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">
        On Mon, Jun 3, 2024 at 10:15 AM Kestrel Support &lt;support@kestrel.example&gt; wrote:<br></div>
        <blockquote class="gmail_quote">Hello Ada</blockquote></div>
        """;

    assertThat(ReplyText.fromHtml(html)).isEqualTo("Thanks, that worked!");
  }

  @Test
  void fromHtml_appleMailQuote_isDropped() {
    String html = """
        <html><body>Sure, Tuesday works.<div><br><blockquote type="cite"><div>On 3 Jun 2024, at 10:15,
        Kestrel Support &lt;support@kestrel.example&gt; wrote:</div><div>Would Tuesday work?</div></blockquote></div></body></html>
        """;

    assertThat(ReplyText.fromHtml(html)).isEqualTo("Sure, Tuesday works.");
  }

  @Test
  void fromHtml_outlookOnTheWeb_stopsAtTheHeaderBlock() {
    String html = """
        <div>Order 4411 arrived damaged.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%">
        <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Kestrel Support &lt;support@kestrel.example&gt;<br>
        <b>Sent:</b> Monday, June 3, 2024 10:15 AM<br><b>To:</b> Ada<br><b>Subject:</b> [BTN-4F2C31BC] We have your message</font>
        <div>&nbsp;</div></div><div>Hello Ada, thank you for getting in touch.</div>
        """;

    assertThat(ReplyText.fromHtml(html)).isEqualTo("Order 4411 arrived damaged.");
  }
}
