package baton.signals;

import java.util.Set;

/** The values of one turn's signals, read by name; what rule conditions are tested against. */
public interface SignalValues {

  double number(String signal);

  /** A level's value, e.g. "high" for frustration. */
  String level(String signal);

  boolean flag(String signal);

  String text(String signal);

  Set<String> words(String signal);
}
