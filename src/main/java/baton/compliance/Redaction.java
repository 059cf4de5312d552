package baton.compliance;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A text with its secrets replaced by masks, and the findings that were masked (offsets refer to the
 * original text, which this record does not hold). Safe to log and store.
 */
public record Redaction(String text, List<Finding> redacted) {
  public Redaction {
    requireNonNull(text, "text");
    redacted = List.copyOf(redacted);
  }

  public boolean changed() {
    return !redacted.isEmpty();
  }

  /** The kinds that were masked. */
  public Set<SecretKind> kinds() {
    Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
    redacted.forEach(finding -> kinds.add(finding.kind()));
    return kinds;
  }
}
