package baton.compliance;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A labelled, generated evaluation set for {@link SecretScanner}: support-chat sentences with secrets
 * of every kind in varied formats, and near misses that must stay untouched (order numbers failing
 * Luhn, tracking numbers, dates, prices, UUIDs, git hashes, IBANs with a wrong checksum, SSNs from
 * ranges never issued, talk about passwords without one). Deterministic for a seed.
 *
 * <p>Every value that is a secret is generated valid (Luhn check digit, IBAN mod-97 check digits,
 * issuable SSN ranges), so the labels are right by construction. Templates name their slots
 * {@code {name}}; each slot carries its kind, or none for filler numbers.
 */
final class SecretCorpus {
  static final CustomPattern LOYALTY = new CustomPattern("loyalty number", "\\bLOY-[0-9]{8}\\b", "[loyalty number]");

  record Span(SecretKind kind, int start, int end) {}

  /** One message; {@code group} says which generator made it ("card", "negative", ...). */
  record Example(String group, String text, List<Span> expected) {}

  private record Slot(SecretKind kind, String value) {}

  private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");
  private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0234567";

  private final Random random;
  private final List<Example> examples = new ArrayList<>();

  private SecretCorpus(long seed) {
    this.random = new Random(seed);
  }

  static List<Example> generate(long seed) {
    SecretCorpus corpus = new SecretCorpus(seed);
    corpus.cards();
    corpus.cardDetails();
    corpus.passwords();
    corpus.oneTimeCodes();
    corpus.apiKeys();
    corpus.ibans();
    corpus.ssns();
    corpus.contacts();
    corpus.custom();
    corpus.negatives();
    return List.copyOf(corpus.examples);
  }

  // ---- positives ----

  private void cards() {
    List<String> templates = List.of("my card number is {card}", "Card: {card}", "here you go {card} thanks",
        "can you charge {card} instead?", "I typed {card} and it was declined", "{card}",
        "visa {card} please refund to this one", "the number on my card is {card}.", "Charge it to {card} - thanks!",
        "I've got two cards, the first is {card}", "It's {card}, can you check why it failed",
        "hi, payment failed with {card} again", "use this one: {card}", "card no. {card} (debit)",
        "my husband's card {card} was charged twice");
    for (int i = 0; i < 105; i++) {
      add("card", pick(templates), Map.of("card", new Slot(SecretKind.PAYMENT_CARD, formatCard(validCard()))));
    }
  }

  private void cardDetails() {
    List<String> full = List.of("card {card} exp {exp} cvv {cvv}", "{card} {exp} {cvv}", "{card}, {exp}, {cvv}",
        "number {card} expires {exp} and the security code is {cvv}", "{card} valid thru {exp}",
        "card is {card} and cvc {cvv}", "{card} {cvv}", "my card {card} exp. {exp} CVV2: {cvv}",
        "{card} - {exp} - {cvv}", "card {card}\nexp {exp}\ncvc {cvv}");
    for (int i = 0; i < 45; i++) {
      add("card details", pick(full), Map.of("card", new Slot(SecretKind.PAYMENT_CARD, formatCard(validCard())),
          "exp", new Slot(SecretKind.CARD_EXPIRY, expiry()), "cvv", new Slot(SecretKind.CARD_SECURITY_CODE, digits(3 + random.nextInt(2)))));
    }
    List<String> codes = List.of("the cvv is {cvv}", "CVC: {cvv}", "security code {cvv}", "the 3 digits on the back are {cvv}",
        "cvv2 {cvv}", "the code on the back of my card is {cvv}", "oh and the CVV = {cvv}", "card security code: {cvv}");
    for (int i = 0; i < 30; i++) {
      add("security code", pick(codes), Map.of("cvv", new Slot(SecretKind.CARD_SECURITY_CODE, digits(3 + random.nextInt(2)))));
    }
    List<String> dates = List.of("exp {exp}", "my card expires {exp}", "expiry date on the card is {exp}", "valid thru {exp}",
        "the card's expiration date: {exp}", "Exp: {exp}", "it says good thru {exp} on the visa");
    for (int i = 0; i < 30; i++) {
      add("expiry", pick(dates), Map.of("exp", new Slot(SecretKind.CARD_EXPIRY, expiry())));
    }
  }

  private void passwords() {
    List<String> templates = List.of("my password is {pw}", "password: {pw}", "pw: {pw}", "password={pw}",
        "my new password is {pw} but it doesn't let me in", "the passcode is {pw}", "my password was {pw}",
        "passwd: {pw}", "the wifi password is {pw}", "Password is \"{pw}\"", "my pin is {pin}", "PIN: {pin}",
        "ok my password is {pw} can you log in and check", "The password I used is {pw}.");
    List<String> values = List.of("hunter2", "Tr0ub4dor&3", "correcthorsebattery", "Summer2024!", "P@ssw0rd", "qwerty123",
        "letmein", "iloveyou", "sunshine", "Baton!2025", "d0ntT3ll", "xK9#mP2q", "ada1815", "Rosebud99", "monkey!!",
        "bluebird7", "S3cure-Pass", "zaq1ZAQ!");
    for (int i = 0; i < 60; i++) {
      String value = random.nextInt(3) == 0 ? randomString(BASE62, 8 + random.nextInt(8)) : pick(values);
      add("password", pick(templates), Map.of("pw", new Slot(SecretKind.PASSWORD, value),
          "pin", new Slot(SecretKind.PASSWORD, digits(4 + random.nextInt(3)))));
    }
  }

  private void oneTimeCodes() {
    List<String> templates = List.of("the code is {otp}", "OTP {otp}", "verification code: {otp}",
        "I got the code {otp} but it says invalid", "my 2FA code is {otp}", "sms code {otp}", "one-time password: {otp}",
        "login code {otp}", "your verification code was {otp}", "the code you sent me is {otp}",
        "authentication code {otp}", "OTP: {otp}", "entered the code {otp} three times", "one time code {otp}");
    for (int i = 0; i < 60; i++) {
      String value = switch (random.nextInt(4)) {
        case 0 -> digits(4);
        case 1 -> digits(3) + (random.nextBoolean() ? " " : "-") + digits(3);
        default -> digits(6);
      };
      add("one-time code", pick(templates), Map.of("otp", new Slot(SecretKind.ONE_TIME_CODE, value)));
    }
  }

  private void apiKeys() {
    List<String> templates = List.of("here is my key {key}", "I'm using {key} in production and getting 401",
        "export MY_KEY={key}", "token: {key}", "my api key {key} stopped working", "is {key} still valid?",
        "config has key = {key}", "the secret is {key}", "{key}");
    List<java.util.function.Supplier<String>> keys = List.of(
        () -> "sk_live_" + randomString(BASE62, 24), () -> "sk_test_" + randomString(BASE62, 24),
        () -> "pk_live_" + randomString(BASE62, 24), () -> "rk_live_" + randomString(BASE62, 24),
        () -> "ghp_" + randomString(BASE62, 36), () -> "gho_" + randomString(BASE62, 36),
        () -> "github_pat_" + randomString(BASE62, 22) + "_" + randomString(BASE62, 59),
        () -> "xoxb-" + digits(12) + "-" + digits(12) + "-" + randomString(BASE62, 24),
        () -> "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(12) + "-" + randomString(BASE62, 32),
        () -> "AKIA" + randomString(UPPER_DIGITS, 16), () -> "AIza" + randomString(BASE62 + "_-", 35),
        () -> "glpat-" + randomString(BASE62 + "_-", 20), this::jwt, () -> randomString(BASE62, 32 + random.nextInt(12)));
    for (int i = 0; i < 84; i++) {
      add("api key", pick(templates), Map.of("key", new Slot(SecretKind.API_KEY, keys.get(i % keys.size()).get())));
    }
    for (int i = 0; i < 8; i++) {
      add("api key", random.nextBoolean() ? "Authorization: Bearer {token}" : "curl -H 'Authorization: Bearer {token}' fails",
          Map.of("token", new Slot(SecretKind.API_KEY, randomString(BASE62, 40))));
    }
  }

  private void ibans() {
    List<String> templates = List.of("my IBAN is {iban}", "please refund to {iban}", "IBAN: {iban}",
        "bank account {iban} (Deutsche Bank)", "send it to {iban} thanks", "{iban}", "iban {iban}, name Ada Lovelace",
        "Can you wire the refund to {iban}?");
    for (int i = 0; i < 60; i++) {
      add("iban", pick(templates), Map.of("iban", new Slot(SecretKind.IBAN, formatIban(validIban()))));
    }
  }

  private void ssns() {
    List<String> templates = List.of("my ssn is {ssn}", "SSN: {bare}", "social security number {bare}",
        "it's {ssn} for the credit check", "{ssn}", "Social Security # {ssn}", "ss# {bare}", "my SSN {spaced}");
    for (int i = 0; i < 45; i++) {
      String area = String.format("%03d", pickArea());
      String group = String.format("%02d", 1 + random.nextInt(99));
      String serial = String.format("%04d", 1 + random.nextInt(9999));
      add("ssn", pick(templates), Map.of("ssn", new Slot(SecretKind.NATIONAL_ID, area + "-" + group + "-" + serial),
          "bare", new Slot(SecretKind.NATIONAL_ID, area + group + serial),
          "spaced", new Slot(SecretKind.NATIONAL_ID, area + " " + group + " " + serial)));
    }
  }

  private void contacts() {
    List<String> emails = List.of("you can email me at {email}", "my email is {email}.", "send it to {email} please",
        "{email}", "reply to {email} not the other one");
    for (int i = 0; i < 25; i++) {
      String email = pick(List.of("ada", "j.smith", "grace.hopper+shop", "bob_99", "support-test")) + "@"
          + pick(List.of("example.com", "mail.example.co.uk", "gmail.com", "outlook.de"));
      add("email", pick(emails), Map.of("email", new Slot(SecretKind.EMAIL, email)));
    }
    List<String> phones = List.of("call me on {phone}", "my number is {phone}", "mobile: {phone}",
        "reach me at {phone} after 5pm", "{phone} is my cell", "you can phone {phone}");
    for (int i = 0; i < 35; i++) {
      String phone = switch (random.nextInt(6)) {
        case 0 -> "+1 415 555 " + digits(4);
        case 1 -> "+44 20 7946 " + digits(4);
        case 2 -> "+49 30 " + digits(8);
        case 3 -> "(415) 555-" + digits(4);
        case 4 -> "020 7946 " + digits(4);
        default -> "415-555-" + digits(4);
      };
      add("phone", pick(phones), Map.of("phone", new Slot(SecretKind.PHONE, phone)));
    }
    List<String> orders = List.of("my order {order} hasn't arrived", "order number {order}", "where is order {order}?",
        "Order: {order} - wrong size", "I want to return order {order}");
    for (int i = 0; i < 25; i++) {
      String order = switch (random.nextInt(3)) {
        case 0 -> "#KO-" + digits(5);
        case 1 -> digits(7);
        default -> "#" + digits(6);
      };
      add("order id", pick(orders), Map.of("order", new Slot(SecretKind.ORDER_ID, order)));
    }
  }

  private void custom() {
    for (int i = 0; i < 15; i++) {
      add("custom", pick(List.of("my loyalty number is {loy}", "member {loy} here", "{loy}")),
          Map.of("loy", new Slot(SecretKind.CUSTOM, "LOY-" + digits(8))));
    }
  }

  // ---- near misses: nothing secret, contact details labelled where present ----

  private void negatives() {
    for (int i = 0; i < 30; i++) {
      String bad = invalidCard();
      add("negative", pick(List.of("order {spaced} is late", "reference {spaced}", "my order {order} is late")),
          Map.of("spaced", new Slot(null, bad.replaceAll("(\\d{4})(?=\\d)", random.nextBoolean() ? "$1 " : "$1-")), "order", new Slot(SecretKind.ORDER_ID, bad)));
    }
    for (int i = 0; i < 25; i++) {
      add("negative", pick(List.of("tracking number {ups}", "USPS tracking {usps}", "FedEx {fedex} says delivered",
          "DHL waybill {dhl}")), Map.of("ups", new Slot(null, "1Z" + randomString(UPPER_DIGITS, 16)),
          "usps", new Slot(null, "9400 " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(2)),
          "fedex", new Slot(null, digits(4) + " " + digits(4) + " " + digits(4)), "dhl", new Slot(null, digits(10))));
    }
    for (int i = 0; i < 25; i++) {
      add("negative", pick(List.of("I ordered on {date} and it's still not here", "delivery was due {slash}",
          "I was charged ${price} twice", "refund of {price} EUR please", "between 10:30 and 11:45 on {date}",
          "the parcel weighed {price} kg", "I bought 3 items on {slash} for {price}")),
          Map.of("date", new Slot(null, "2025-" + String.format("%02d", 1 + random.nextInt(12)) + "-" + String.format("%02d", 1 + random.nextInt(28))),
              "slash", new Slot(null, String.format("%02d/%02d", 1 + random.nextInt(12), 20 + random.nextInt(9))),
              "price", new Slot(null, (1 + random.nextInt(2000)) + "." + digits(2))));
    }
    for (int i = 0; i < 20; i++) {
      add("negative", pick(List.of("my reference is {uuid}", "request id {uuid} in the error", "fixed in commit {sha}",
          "see {sha7} on main", "checksum {sha256}")), Map.of("uuid", new Slot(null, java.util.UUID.nameUUIDFromBytes(digits(8).getBytes()).toString()),
          "sha", new Slot(null, hex(40)), "sha7", new Slot(null, hex(7)), "sha256", new Slot(null, hex(64))));
    }
    for (int i = 0; i < 20; i++) {
      String iban = validIban();
      int check = Integer.parseInt(iban.substring(2, 4));
      String wrong = iban.substring(0, 2) + String.format("%02d", check == 97 ? 2 : check + 1) + iban.substring(4);
      add("negative", pick(List.of("my IBAN is {iban}", "IBAN: {iban}")), Map.of("iban", new Slot(null, formatIban(wrong))));
    }
    for (int i = 0; i < 20; i++) {
      String ssn = switch (i % 5) {
        case 0 -> "666-" + String.format("%02d", 1 + random.nextInt(99)) + "-" + digits(4).replace("0000", "1234");
        case 1 -> "000-" + String.format("%02d", 1 + random.nextInt(99)) + "-1234";
        case 2 -> (900 + random.nextInt(100)) + "-12-3456";
        case 3 -> "123-00-" + String.format("%04d", 1 + random.nextInt(9999));
        default -> "234-56-0000";
      };
      add("negative", pick(List.of("my ssn is {ssn}", "{ssn}", "is {ssn} valid?")), Map.of("ssn", new Slot(null, ssn)));
    }
    List<String> talk = List.of("I need a password reset", "I forgot my password", "my password is not working",
        "the password is wrong", "my code doesn't work", "the code expired", "the code never arrived",
        "where do I find the security code?", "my zip code is 90210", "promo code SAVE20 didn't apply",
        "error code 5001 when paying", "is the cvv required?", "my card expires soon", "password reset link expired",
        "your password must be at least 8 characters", "the password is case sensitive",
        "my password was changed without me", "a pin is required at checkout", "the verification code never came",
        "I didn't get an OTP", "what is the code for free shipping?", "Password: forgotten, can you help",
        "The new password is too short", "my password is incorrect apparently", "pw is still not accepted",
        "I typed the code but nothing happens", "The tokens in my account are gone", "Bearer of bad news: it broke",
        "ReturnPolicyUpdatedForHoliday2024", "customer_support_ticket_2024_v2_final", "see https://shop.example.com/orders/Ab3dE5fG7hI9jK1lM3nO5pQ7/status",
        "Pneumonoultramicroscopicsilicovolcanoconiosis is a long word", "I have 3 items and 2 returns",
        "call center ticket INC0012345678 still open", "page www.example.com/help/Xy7Kq2Lm9Np4Rs8Tu3Vw6Zb1 loads forever",
        "my account number at my bank ends in 1234", "Room 404, floor 12", "I paid 123 dollars with my card",
        "the security code field won't accept anything", "my expiry is in 2027 I think", "model no. 2024-ABX-99812",
        "SKU 4006381333931 is out of stock", "EAN 5901234123457", "IMEI 490154203237518 on the box", "ISBN 978-3-16-148410-0", "version 1.24.1234567",
        "tel. extension 4829 please", "the 16 digit number on my gift card", "AKIA is not a word", "ghp_ prefix docs",
        "sk_live_ keys are secret, right?", "eyJ is how JWTs start");
    for (String text : talk) {
      add("negative", text, Map.of());
    }
    for (int i = 0; i < 20; i++) {
      add("negative", pick(List.of("call me on {phone}", "my number is {phone}", "{phone}")),
          Map.of("phone", new Slot(SecretKind.PHONE, pick(List.of("+1 415 555 ", "+1-212-555-", "+44 7700 900 ")) + digits(4))));
    }
  }

  // ---- value generators ----

  private String validCard() {
    String[][] brands = {{"4", "16"}, {"4", "13"}, {"4", "19"}, {"51", "16"}, {"55", "16"}, {"2221", "16"}, {"2720", "16"},
        {"34", "15"}, {"37", "15"}, {"6011", "16"}, {"65", "16"}, {"3528", "16"}, {"3589", "16"}, {"36", "14"},
        {"62", "16"}, {"62", "19"}};
    String[] brand = brands[random.nextInt(brands.length)];
    int length = Integer.parseInt(brand[1]);
    StringBuilder number = new StringBuilder(brand[0]);
    while (number.length() < length - 1) {
      number.append(random.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      if (LuhnCardDetector.luhn(number + String.valueOf(check), 0, length)) {
        return number.append(check).toString();
      }
    }
    throw new AssertionError("no Luhn check digit");
  }

  private String invalidCard() {
    String valid = validCard();
    while (valid.length() != 16) {
      valid = validCard();
    }
    int last = valid.charAt(15) - '0';
    return valid.substring(0, 15) + ((last + 1 + random.nextInt(9)) % 10);
  }

  private String formatCard(String digits) {
    int style = random.nextInt(4);
    if (style == 0) {
      return digits;
    }
    String separator = style == 1 ? "-" : " ";
    int[] groups = digits.length() == 15 ? new int[] {4, 6, 5} : digits.length() == 14 ? new int[] {4, 6, 4} : null;
    StringBuilder formatted = new StringBuilder();
    int position = 0;
    int index = 0;
    while (position < digits.length()) {
      int size = groups != null ? groups[index++] : Math.min(4, digits.length() - position);
      if (groups == null && digits.length() - position - size > 0 && digits.length() - position - size < 3) {
        size = digits.length() - position; // 13 or 19 digits: the last group takes the remainder
      }
      if (!formatted.isEmpty()) {
        formatted.append(separator);
      }
      formatted.append(digits, position, position + size);
      position += size;
    }
    return formatted.toString();
  }

  private String expiry() {
    int month = 1 + random.nextInt(12);
    int year = 25 + random.nextInt(8);
    return switch (random.nextInt(4)) {
      case 0 -> String.format("%02d/%02d", month, year);
      case 1 -> month + "/" + year;
      case 2 -> String.format("%02d/20%02d", month, year);
      default -> String.format("%02d / %02d", month, year);
    };
  }

  private String validIban() {
    String[][] countries = {{"DE", "n18"}, {"GB", "a4n14"}, {"FR", "n23"}, {"ES", "n20"}, {"IT", "a1n22"}, {"NL", "a4n10"},
        {"BE", "n12"}, {"AT", "n16"}, {"CH", "n17"}, {"PL", "n24"}, {"IE", "a4n14"}, {"NO", "n11"}};
    String[] country = countries[random.nextInt(countries.length)];
    Matcher part = Pattern.compile("([an])(\\d+)").matcher(country[1]);
    StringBuilder bban = new StringBuilder();
    while (part.find()) {
      bban.append(part.group(1).equals("a") ? randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", Integer.parseInt(part.group(2)))
          : digits(Integer.parseInt(part.group(2))));
    }
    StringBuilder numeric = new StringBuilder();
    for (char c : (bban + country[0] + "00").toCharArray()) {
      numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    return country[0] + String.format("%02d", check) + bban;
  }

  private String formatIban(String iban) {
    if (random.nextInt(3) == 0) {
      return iban;
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      if (i > 0) {
        grouped.append(' ');
      }
      grouped.append(iban, i, Math.min(iban.length(), i + 4));
    }
    return grouped.toString();
  }

  private int pickArea() {
    int area;
    do {
      area = 1 + random.nextInt(899);
    } while (area == 666);
    return area;
  }

  private String jwt() {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
    String payload = url.encodeToString(("{\"sub\":\"" + digits(8) + "\",\"iat\":" + digits(10) + "}").getBytes());
    return header + "." + payload + "." + randomString(BASE62 + "_-", 43);
  }

  private String digits(int count) {
    return randomString("0123456789", count);
  }

  private String hex(int count) {
    return randomString("0123456789abcdef", count);
  }

  private String randomString(String alphabet, int length) {
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return value.toString();
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private void add(String group, String template, Map<String, Slot> slots) {
    StringBuilder text = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    Matcher slot = SLOT.matcher(template);
    int copied = 0;
    Map<String, Slot> used = new HashMap<>(slots);
    while (slot.find()) {
      text.append(template, copied, slot.start());
      Slot value = used.get(slot.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + slot.group(1) + "} in " + template);
      }
      int start = text.length();
      text.append(value.value());
      if (value.kind() != null) {
        spans.add(new Span(value.kind(), start, text.length()));
      }
      copied = slot.end();
    }
    text.append(template.substring(copied));
    examples.add(new Example(group, text.toString(), List.copyOf(spans)));
  }
}
