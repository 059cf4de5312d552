package baton.compliance;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What scanning costs per message: a 2,000-character support message with no secret (the common
 * case, every detector runs to the end) and one with a card, its expiry and code, a password, a key
 * and an email (the redacting path). Goal: well under 1 ms. Run with bench/secret-scanner.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SecretScannerBenchmark {
  private static final List<String> SENTENCES = List.of(
      "Hi, my order KO-48213 was supposed to arrive on 2025-03-14 but tracking 1Z999AA10123456784 shows nothing. ",
      "I paid 129.99 EUR and was charged twice, see invoice INV-2024-000123 from 12/03. ",
      "Can you call me on +44 20 7946 0958 or email ada@example.com after 5pm? ",
      "The code you sent me doesn't work and the password reset link expired again. ",
      "I have 3 items and 2 returns, the parcel weighed 4.5 kg and the box said SKU 4006381333931. ");
  private static final String SECRETS = "my card is 4242 4242 4242 4242 exp 04/27 cvv 123, my password is hunter2 "
      + "and the key sk_live_4eC39HqLyjWDarjtT1zdp7dc. ";

  SecretScanner scanner;
  String plain;
  String withSecrets;

  @Setup(Level.Trial)
  public void setUp() {
    scanner = SecretScanner.standard();
    plain = message("");
    withSecrets = message(SECRETS);
  }

  private static String message(String insert) {
    StringBuilder text = new StringBuilder(insert);
    for (int i = 0; text.length() < 2_000; i++) {
      text.append(SENTENCES.get(i % SENTENCES.size()));
    }
    return text.substring(0, 2_000);
  }

  @Benchmark
  public List<Finding> scanWithoutSecrets() {
    return scanner.scan(plain);
  }

  @Benchmark
  public Redaction redactWithSecrets() {
    return scanner.redact(withSecrets);
  }
}
