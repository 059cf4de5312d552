package baton.spec;

import java.util.List;

/** A spec that cannot be used; each problem reads {@code file:line:column: message}. */
public final class SpecException extends RuntimeException {
  private final List<String> problems;

  public SpecException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
