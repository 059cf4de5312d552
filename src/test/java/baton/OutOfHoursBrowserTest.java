package baton;

import static org.assertj.core.api.Assertions.assertThat;

import baton.channels.MailSettings;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer in the chat widget on a Saturday, when the Support team keeps weekday hours: a callback
 * request is told honestly when the team is back, and an ordinary handoff falls back to email, which
 * reaches the team inbox (GreenMail on loopback) with its context packet.
 */
class OutOfHoursBrowserTest {
  private GreenMail smtp;
  private ChromeDriver customer;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    customer = Browsers.open();
    // Saturday 2026-11-28 at 12:00 in Denver.
    var clock = new MutableClock(Instant.parse("2026-11-28T19:00:00Z"));
    server = TestServer.demoWithClockAndMail(clock, new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "baton@kestrel.example",
        Optional.empty(), Optional.empty(), false));
    Path spec = server.dataDir().resolve("demo").resolve("bot.yaml");
    Files.writeString(spec, Files.readString(spec).replace("""
          - id: support
            name: Support
            typicalReplyMinutes: 5
        """, """
          - id: support
            name: Support
            typicalReplyMinutes: 5
            hours:
              timeZone: America/Denver
              open: {mon-fri: "08:00-18:00"}
        """));
    assertThat(server.baton().brain().reload()).isTrue();
  }

  @AfterEach
  void stop() {
    if (customer != null) {
      customer.quit();
    }
    if (server != null) {
      server.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void outsideBusinessHours_theWidgetSaysWhenTheTeamIsBack_andAHandoffBecomesAnEmailWithThePacket() throws Exception {
    // The widget re-renders messages as they arrive: an element read mid-render is simply read again.
    var wait = (WebDriverWait) new WebDriverWait(customer, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    openChat(wait);
    send("please call me back on +1 303 555 0142 any time");
    wait.until(driver -> messages("system").stream()
        .anyMatch(message -> text(message).startsWith("The Support team is away right now and back at 08:00 on Monday")));
    Browsers.screenshot(customer, "widget-out-of-hours-callback");

    // A second visitor (a fresh browser storage) with an everyday request: the live tier falls back to email.
    customer.executeScript("localStorage.clear();");
    customer.navigate().refresh();
    openChat(wait);
    send("please close my account");
    wait.until(driver -> messages("bot").stream().anyMatch(message -> text(message).contains("email address"))
        || messages("system").stream().anyMatch(message -> text(message).contains("by email")));
    if (messages("system").stream().noneMatch(message -> text(message).contains("by email"))) {
      send("ada@example.com");
    }
    WebElement promise = wait.until(driver -> messages("system").stream().filter(message -> text(message).contains("by email"))
        .findFirst().orElse(null));
    assertThat(text(promise)).contains("about 4 hours");
    Browsers.screenshot(customer, "widget-out-of-hours-email");

    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage toTeam = List.of(smtp.getReceivedMessages()).stream()
        .filter(message -> address(message).equals("support@kestrel.example")).findFirst().orElseThrow();
    var parts = (MimeMultipart) toTeam.getContent();
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).contains("please close my account");
    assertThat(parts.getBodyPart(1).getFileName()).startsWith("handoff-packet-BTN-");
  }

  private void openChat(WebDriverWait wait) {
    if (!customer.getCurrentUrl().startsWith(server.baseUrl())) {
      customer.get(server.baseUrl() + "/");
    }
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-baton='launcher']")));
    if (!customer.findElement(By.cssSelector("[data-baton='panel']")).isDisplayed()) {
      customer.findElement(By.cssSelector("[data-baton='launcher']")).click();
    }
    wait.until(driver -> !messages("bot").isEmpty()); // the greeting
  }

  private void send(String text) {
    WebElement input = customer.findElement(By.cssSelector("[data-baton='input']"));
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private List<WebElement> messages(String author) {
    return customer.findElements(By.cssSelector("[data-baton='messages'] [data-baton='message'][data-author='" + author + "']"));
  }

  private static String text(WebElement message) {
    return message.findElement(By.cssSelector("[data-baton='text']")).getText();
  }

  private static String address(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
