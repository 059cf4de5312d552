package baton.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Unguessable bearer secrets. Only their SHA-256 is stored, so a database dump does not hand out
 * access to conversations or agent sessions. Thread-safe.
 */
public final class SecureTokens {
  private final SecureRandom random = new SecureRandom();

  /** 256 random bits, URL-safe base64 without padding (43 characters). */
  public String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Compares in constant time so response timing does not reveal how much of a token matched. */
  public static boolean matches(String token, String expectedHash) {
    if (token == null || expectedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(token).getBytes(StandardCharsets.US_ASCII), expectedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
