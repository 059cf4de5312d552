package baton.signals;

/** A rule condition that cannot be used; {@code column} is 1-based into the condition's text. */
public final class ConditionException extends RuntimeException {
  private final int column;

  public ConditionException(int column, String message) {
    super(message);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
