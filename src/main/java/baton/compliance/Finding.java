package baton.compliance;

import static java.util.Objects.requireNonNull;

/**
 * One thing found in a text: its kind, where it is ({@code start} inclusive, {@code end} exclusive,
 * UTF-16 offsets into the scanned text) and the mask that replaces it. A finding never holds the
 * secret itself, so it is safe to log; the mask reveals at most the last four characters of a card
 * number or IBAN, as receipts do.
 */
public record Finding(SecretKind kind, int start, int end, String mask) {
  public Finding {
    requireNonNull(kind, "kind");
    requireNonNull(mask, "mask");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("a finding needs 0 <= start < end, got " + start + ".." + end);
    }
  }

  public int length() {
    return end - start;
  }

  boolean overlaps(Finding other) {
    return start < other.end && other.start < end;
  }

  @Override
  public String toString() {
    return kind.wireName() + "@" + start + ".." + end + " " + mask;
  }
}
