package baton.signals;

import java.util.List;

/**
 * Finds secrets and payment data in customer text. This is the seam the compliance work plugs its
 * detectors into; {@link PaymentAndSecretDetector} is the built-in one. Implementations must be
 * thread-safe and must never return the secret itself, only what kind it is.
 */
public interface SensitiveDataDetector {

  /** The kinds of sensitive data found, e.g. "payment card number"; empty when none. */
  List<String> kindsIn(String text);
}
