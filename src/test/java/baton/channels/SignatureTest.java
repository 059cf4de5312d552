package baton.channels;

import static org.assertj.core.api.Assertions.assertThat;

import baton.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignatureTest {
  private static final String SECRET = "whsec_test";
  private static final String BODY = "{\"type\":\"handoff.created\"}";
  private static final long TIMESTAMP = 1_700_000_000L;
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(TIMESTAMP));

  @Test
  void sign_matchesTheDocumentedOpensslCommand() {
    // printf '%s' '1700000000.{"type":"handoff.created"}' | openssl dgst -sha256 -hmac 'whsec_test' -hex
    assertThat(Signature.sign(SECRET, TIMESTAMP, BODY))
        .isEqualTo("sha256=76fef670a93a25da7063c68972a6358c2e2100621bf42571ad45daee2bf020c8");
  }

  @Test
  void verify_freshAuthenticRequest_isValid() {
    clock.advance(Duration.ofSeconds(30));

    assertThat(Signature.verify(SECRET, Long.toString(TIMESTAMP), BODY, Signature.sign(SECRET, TIMESTAMP, BODY),
        Signature.DEFAULT_TOLERANCE, clock)).isTrue();
  }

  @Test
  void verify_tamperedBody_isInvalid() {
    assertThat(Signature.verify(SECRET, Long.toString(TIMESTAMP), BODY.replace("created", "deleted"),
        Signature.sign(SECRET, TIMESTAMP, BODY), Signature.DEFAULT_TOLERANCE, clock)).isFalse();
  }

  @Test
  void verify_otherSecret_isInvalid() {
    assertThat(Signature.verify("whsec_other", Long.toString(TIMESTAMP), BODY, Signature.sign(SECRET, TIMESTAMP, BODY),
        Signature.DEFAULT_TOLERANCE, clock)).isFalse();
  }

  @Test
  void verify_timestampMovedToLookFresh_isInvalid() {
    String header = Signature.sign(SECRET, TIMESTAMP, BODY);
    clock.advance(Duration.ofHours(1));

    assertThat(Signature.verify(SECRET, Long.toString(TIMESTAMP + 3600), BODY, header, Signature.DEFAULT_TOLERANCE, clock)).isFalse();
  }

  @Test
  void verify_replayedAfterTheTolerance_isInvalid() {
    String header = Signature.sign(SECRET, TIMESTAMP, BODY);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(Signature.verify(SECRET, Long.toString(TIMESTAMP), BODY, header, Signature.DEFAULT_TOLERANCE, clock)).isFalse();
  }

  @Test
  void verify_malformedInput_isInvalidRatherThanAnError() {
    String header = Signature.sign(SECRET, TIMESTAMP, BODY);

    assertThat(Signature.verify(SECRET, null, BODY, header, Signature.DEFAULT_TOLERANCE, clock)).isFalse();
    assertThat(Signature.verify(SECRET, "yesterday", BODY, header, Signature.DEFAULT_TOLERANCE, clock)).isFalse();
    assertThat(Signature.verify(SECRET, Long.toString(TIMESTAMP), BODY, null, Signature.DEFAULT_TOLERANCE, clock)).isFalse();
    assertThat(Signature.verify(SECRET, Long.toString(TIMESTAMP), BODY, header.substring(7), Signature.DEFAULT_TOLERANCE, clock)).isFalse();
    assertThat(Signature.verify(SECRET, Long.toString(TIMESTAMP), BODY, "sha256=00", Signature.DEFAULT_TOLERANCE, clock)).isFalse();
  }
}
