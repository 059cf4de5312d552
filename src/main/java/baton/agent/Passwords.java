package baton.agent;

import at.favre.lib.crypto.bcrypt.BCrypt;
import baton.platform.CpuSlots;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashing (version 2a, random 128-bit salt per hash). Cost 11 (2^11 rounds) keeps a
 * login near 100 ms on a small server while making offline guessing expensive; OWASP asks for at least
 * 10. At most one core fewer than the machine has hashes at once ({@link CpuSlots}), so a burst of
 * logins at the start of a shift cannot take every core from customers' conversations. Thread-safe.
 */
public final class Passwords {
  private static final int COST = 11;
  /** Verified against when the email is unknown, so a miss takes as long as a wrong password. */
  private static final String DECOY = BCrypt.withDefaults().hashToString(COST, "decoy-password".toCharArray());
  /** Shared by every instance: the cores are the machine's, not one store's. */
  private static final CpuSlots HASHING = CpuSlots.leavingOneCoreFree();

  public String hash(String password) {
    if (password.length() < 8) {
      throw new IllegalArgumentException("passwords must have at least 8 characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
      throw new IllegalArgumentException("passwords must be at most 72 bytes (a bcrypt limit)");
    }
    return HASHING.run(() -> BCrypt.withDefaults().hashToString(COST, password.toCharArray()));
  }

  /**
   * False for a password over 72 bytes without asking bcrypt (which refuses them): {@link #hash}
   * never stored one. The time is spent anyway, so length does not shorten the answer.
   */
  public boolean matches(String password, String hash) {
    if (tooLong(password)) {
      spendDecoyTime(password);
      return false;
    }
    return HASHING.run(() -> BCrypt.verifyer().verify(password.toCharArray(), hash).verified);
  }

  public void spendDecoyTime(String password) {
    HASHING.run(() -> BCrypt.verifyer().verify((tooLong(password) ? "decoy-for-a-long-password" : password).toCharArray(), DECOY));
  }

  private static boolean tooLong(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length > 72;
  }
}
