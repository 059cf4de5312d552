package baton.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour of each detector through the scanner, the overlap rules, redaction and hostile input. */
class SecretScannerTest {
  private static final SecretScanner SCANNER = SecretScanner.standard();

  private static List<SecretKind> kinds(String text) {
    return SCANNER.scan(text).stream().map(Finding::kind).toList();
  }

  private static String redacted(String text) {
    return SCANNER.redact(text).text();
  }

  // ---- cards ----

  @Test
  void scan_whenCardIsLuhnValid_findsItInEveryLayout() {
    assertThat(redacted("card 4242424242424242 ok")).isEqualTo("card [card •••• 4242] ok");
    assertThat(redacted("card 4242 4242 4242 4242 ok")).isEqualTo("card [card •••• 4242] ok");
    assertThat(redacted("card 4242-4242-4242-4242 ok")).isEqualTo("card [card •••• 4242] ok");
    assertThat(redacted("amex 3782 822463 10005")).isEqualTo("amex [card •••• 0005]");
  }

  @Test
  void scan_whenOtherDigitGroupsComeFirst_stillFindsTheWholeCardGroup() {
    // Found by CustomerApiFuzzTest (seed 6424021325164): an SSN in spaced groups, then a plain Amex.
    assertThat(redacted("my card is 219 09 9999 347137783270640 agent"))
        .contains("[card •••• 0640]").doesNotContain("347137783270640");
    assertThat(redacted("order 12 345 4242424242424242")).contains("[card •••• 4242]");
    // Seed 8500163033193: a plain Amex followed by an SSN in spaced groups.
    assertThat(redacted("agent 345675318941294 219 09 9999 help")).contains("[card •••• 1294]").doesNotContain("345675318941294");
  }

  @Test
  void scan_whenALongGroupedNumberEndsInALuhnTail_findsNoCard() {
    // USPS tracking in groups of four: no whole group is 13+ digits, so no tail is taken for a card.
    assertThat(kinds("parcel 9400 1000 0000 0000 4242 4242 4242 4242")).doesNotContain(SecretKind.PAYMENT_CARD);
  }

  @Test
  void scan_whenCardFailsLuhn_findsNothing() {
    assertThat(kinds("card 4242 4242 4242 4241")).isEmpty();
  }

  @Test
  void scan_whenDigitsArePartOfALongerRun_findsNoCard() {
    assertThat(kinds("ref 94242424242424242123456")).doesNotContain(SecretKind.PAYMENT_CARD);
    assertThat(kinds("id A4242424242424242")).doesNotContain(SecretKind.PAYMENT_CARD);
  }

  @Test
  void scan_whenNumberIsNamedAsBarcodeOrImei_findsNoCard() {
    assertThat(kinds("IMEI 490154203237518")).doesNotContain(SecretKind.PAYMENT_CARD);
  }

  @Test
  void scan_whenCardIsFollowedByExpiryAndCode_findsAllThree() {
    assertThat(redacted("4242 4242 4242 4242 04/27 123")).isEqualTo("[card •••• 4242] [expiry] [security code]");
    assertThat(redacted("4242 4242 4242 4242 123")).isEqualTo("[card •••• 4242] [security code]");
  }

  // ---- card details ----

  @Test
  void scan_whenThreeDigitsHaveNoCardContext_findsNoSecurityCode() {
    assertThat(kinds("room 123, I paid 123 dollars with my card")).isEmpty();
  }

  @Test
  void scan_whenSecurityCodeIsNamed_masksOnlyTheDigits() {
    assertThat(redacted("the cvv is 123")).isEqualTo("the cvv is [security code]");
    assertThat(redacted("the 3 digits on the back are 987")).isEqualTo("the 3 digits on the back are [security code]");
  }

  @Test
  void scan_whenDateHasNoCardContext_findsNoExpiry() {
    assertThat(kinds("my subscription expires 04/2027")).isEmpty();
    assertThat(kinds("delivered on 04/27")).isEmpty();
    assertThat(redacted("my card expires 04/2027")).isEqualTo("my card expires [expiry]");
    assertThat(redacted("exp 04/27")).isEqualTo("exp [expiry]");
  }

  // ---- passwords and codes ----

  @Test
  void scan_whenPasswordIsStated_masksTheValueAndKeepsTheLeadIn() {
    assertThat(redacted("my password is hunter2")).isEqualTo("my password is [password]");
    assertThat(redacted("pw: X9!k2")).isEqualTo("pw: [password]");
    assertThat(redacted("password=abc123.")).isEqualTo("password=[password].");
  }

  @Test
  void scan_whenPasswordIsOnlyTalkedAbout_findsNothing() {
    assertThat(kinds("I need a password reset")).isEmpty();
    assertThat(kinds("my password is not working")).isEmpty();
    assertThat(kinds("my password was changed")).isEmpty();
  }

  @Test
  void scan_whenOneTimeCodeIsRepeatedBack_masksIt() {
    assertThat(redacted("the code is 482913")).isEqualTo("the code is [one-time code]");
    assertThat(redacted("OTP 123456")).isEqualTo("OTP [one-time code]");
    assertThat(redacted("verification code: 4829")).isEqualTo("verification code: [one-time code]");
  }

  @Test
  void scan_whenCodeIsNotAOneTimeCode_findsNothing() {
    assertThat(kinds("my code doesn't work")).isEmpty();
    assertThat(kinds("my zip code is 90210")).isEmpty();
    assertThat(kinds("error code 5001")).isEmpty();
  }

  // ---- keys ----

  @Test
  void scan_whenKeyHasAKnownPrefix_findsIt() {
    for (String key : List.of("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "AKIAIOSFODNN7EXAMPLE", "xoxb-123456789012-123456789012-abcdefghijABCDEFGHIJ1234", "glpat-abcdefghij1234567890",
        "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe")) {
      assertThat(redacted("key " + key + " ok")).as(key).isEqualTo("key [api key] ok");
    }
  }

  @Test
  void scan_whenBearerTokenOrJwt_masksTheTokenOnly() {
    assertThat(redacted("Authorization: Bearer abc123def456ghi789jkl")).isEqualTo("Authorization: Bearer [api key]");
    assertThat(redacted("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"))
        .isEqualTo("jwt [api key]");
  }

  @Test
  void scan_whenRunIsHexUuidWordOrLink_findsNoKey() {
    assertThat(kinds("commit 3f786850e387550fdab836ed7e6dc881de23001b")).isEmpty();
    assertThat(kinds("ref 123e4567-e89b-12d3-a456-426614174000")).isEmpty();
    assertThat(kinds("ReturnPolicyUpdatedForHoliday2024")).isEmpty();
    assertThat(kinds("see https://shop.example.com/o/Ab3dE5fG7hI9jK1lM3nO5pQ7")).isEmpty();
  }

  @Test
  void scan_whenRunIsRandomMixedCase_findsGenericKey() {
    assertThat(kinds("secret Zx9Qw2Lm8Np4Rt6Vb1Kj3Hg5")).containsExactly(SecretKind.API_KEY);
  }

  // ---- bank and identity ----

  @Test
  void scan_whenIbanChecksumHolds_masksAllButLastFour() {
    assertThat(redacted("IBAN DE89 3704 0044 0532 0130 00.")).isEqualTo("IBAN [iban •••• 3000].");
    assertThat(redacted("GB82WEST12345698765432")).isEqualTo("[iban •••• 5432]");
  }

  @Test
  void scan_whenIbanChecksumFails_findsNothing() {
    assertThat(kinds("IBAN DE88 3704 0044 0532 0130 00")).doesNotContain(SecretKind.IBAN);
  }

  @Test
  void scan_whenSsnIsInAnIssuableRange_findsIt() {
    assertThat(redacted("ssn 123-45-6789")).isEqualTo("ssn [ssn]");
    assertThat(redacted("social security number 123456789")).isEqualTo("social security number [ssn]");
  }

  @Test
  void scan_whenSsnRangeIsNeverIssued_findsNothing() {
    for (String ssn : List.of("666-12-3456", "000-12-3456", "912-34-5678", "123-00-4567", "123-45-0000")) {
      assertThat(kinds(ssn)).as(ssn).doesNotContain(SecretKind.NATIONAL_ID);
    }
    assertThat(kinds("call 123456789")).doesNotContain(SecretKind.NATIONAL_ID);
  }

  // ---- contact details ----

  @Test
  void redact_byDefault_keepsContactDetails() {
    String text = "mail ada@example.com, call +44 20 7946 0958, order #KO-48213";
    assertThat(SCANNER.kindsIn(text)).containsExactlyInAnyOrder(SecretKind.EMAIL, SecretKind.PHONE, SecretKind.ORDER_ID);
    assertThat(redacted(text)).isEqualTo(text);
    assertThat(SCANNER.containsSecrets(text)).isFalse();
  }

  @Test
  void redact_whenAskedToMaskContactDetails_masksThem() {
    assertThat(SCANNER.redact("mail ada@example.com or (415) 555-0132", Set.of()).text()).isEqualTo("mail [email] or [phone]");
  }

  @Test
  void scan_withOrderPattern_usesTheShopsShape() {
    SecretScanner shop = new SecretScanner(List.of(), "SHOP-[0-9]{4}");
    assertThat(shop.kindsIn("order SHOP-1234")).containsExactly(SecretKind.ORDER_ID);
    assertThat(shop.kindsIn("order 1234567")).isEmpty();
  }

  @Test
  void scan_withCustomPattern_masksWithItsMask() {
    SecretScanner scanner = new SecretScanner(List.of(new CustomPattern("loyalty", "LOY-[0-9]{8}", "[loyalty number]")));
    Redaction redaction = scanner.redact("member LOY-12345678 here");
    assertThat(redaction.text()).isEqualTo("member [loyalty number] here");
    assertThat(redaction.kinds()).containsExactly(SecretKind.CUSTOM);
  }

  @Test
  void customPattern_whenRegexIsInvalid_saysWhich() {
    assertThatThrownBy(() -> new CustomPattern("broken", "([a-z", "[x]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken");
  }

  // ---- overlaps and safety of the results ----

  @Test
  void scan_whenSecretAndContactOverlap_secretWins() {
    assertThat(kinds("order 4242424242424242")).containsExactly(SecretKind.PAYMENT_CARD);
  }

  @Test
  void scan_returnsFindingsInTextOrderWithoutOverlaps() {
    List<Finding> findings = SCANNER.scan("ssn 123-45-6789 card 4242 4242 4242 4242 cvv 123 mail a@b.io");
    for (int i = 1; i < findings.size(); i++) {
      assertThat(findings.get(i).start()).isGreaterThanOrEqualTo(findings.get(i - 1).end());
    }
    assertThat(findings).extracting(Finding::kind).containsExactly(SecretKind.NATIONAL_ID, SecretKind.PAYMENT_CARD,
        SecretKind.CARD_SECURITY_CODE, SecretKind.EMAIL);
  }

  @Test
  void findingAndRedaction_toString_neverShowTheSecret() {
    Redaction redaction = SCANNER.redact("my password is hunter2 and card 4111 1111 1111 1111");
    assertThat(redaction.toString()).doesNotContain("hunter2").doesNotContain("4111 1111 1111 1111");
    assertThat(redaction.redacted().toString()).doesNotContain("hunter2");
  }

  // ---- hostile input ----

  @Test
  void scan_whenTextIsNull_saysSoClearly() {
    assertThatThrownBy(() -> SCANNER.scan(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> SCANNER.redact(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scan_whenTextIsEmpty_findsNothing() {
    assertThat(SCANNER.scan("")).isEmpty();
    assertThat(SCANNER.redact("").text()).isEmpty();
  }

  @Test
  void scan_whenTextIs100kDigits_findsNoCardAndReturnsQuickly() {
    String digits = "4".repeat(100_000);
    long start = System.nanoTime();
    assertThat(SCANNER.scan(digits)).isEmpty();
    assertThat(SCANNER.scan("1234 ".repeat(20_000))).doesNotContain(new Finding(SecretKind.PAYMENT_CARD, 0, 1, "x"));
    assertThat(SCANNER.scan("a".repeat(100_000))).isEmpty();
    assertThat(SCANNER.scan("password: ".repeat(10_000))).isNotNull();
    // generous: the point is "not exponential", not a speed check (bench/secret-scanner.sh measures that)
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void scan_whenDigitsAreNotAscii_doesNotTreatThemAsDigits() {
    String arabicIndic = "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢"; // 4242424242424242 in Arabic-Indic digits
    assertThat(SCANNER.scan("card " + arabicIndic)).isEmpty();
    assertThat(SCANNER.scan("card ４２４２ ４２４２ ４２４２ ４２４２")).isEmpty();
  }

  @Test
  void redact_onRandomText_neverCrashesAndNeverLeavesAFoundValue() {
    Random random = new Random(7);
    String alphabet = "0123456789 -/:=.#+@abcdefxyzABCDEFXYZ_\n\"'€é٤";
    List<String> seeds = List.of("4242 4242 4242 4242", "cvv 123", "exp 04/27", "password is Xy9!", "OTP 482913",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "DE89 3704 0044 0532 0130 00", "123-45-6789", "ada@example.com");
    for (int round = 0; round < 3_000; round++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(6);
      for (int part = 0; part < parts; part++) {
        if (random.nextInt(3) == 0) {
          text.append(seeds.get(random.nextInt(seeds.size())));
        } else {
          for (int i = random.nextInt(40); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
        }
      }
      String original = text.toString();
      List<Finding> findings = SCANNER.scan(original);
      String output = SCANNER.redact(original, Set.of()).text();
      for (Finding finding : findings) {
        assertThat(finding.end()).isLessThanOrEqualTo(original.length());
        String raw = original.substring(finding.start(), finding.end());
        if (original.indexOf(raw) == original.lastIndexOf(raw) && raw.length() >= 3) {
          assertThat(output).as(original).doesNotContain(raw);
        }
      }
    }
  }
}
