package baton.signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signals rules may read, each with its kind; level signals list their values in order. The
 * parser checks conditions against it, so a misspelt signal fails when the spec loads, not when a
 * customer writes. Immutable and thread-safe.
 */
public final class SignalCatalog {

  public enum Kind { NUMBER, LEVEL, FLAG, TEXT, WORDS }

  /** One signal: its kind, the range of a number, the ordered values of a level. */
  public record Signal(String name, Kind kind, double min, double max, List<String> levels) {
    public Signal {
      levels = List.copyOf(levels);
    }
  }

  private final Map<String, Signal> signals;

  public SignalCatalog(List<Signal> signals) {
    Map<String, Signal> byName = new LinkedHashMap<>();
    signals.forEach(signal -> byName.put(signal.name(), signal));
    this.signals = Map.copyOf(byName);
  }

  /** The signals every turn computes (see docs/bot-spec.md). */
  public static SignalCatalog standard() {
    return new SignalCatalog(List.of(
        new Signal("confidence", Kind.NUMBER, 0, 1, List.of()),
        new Signal("sentiment", Kind.NUMBER, -1, 1, List.of()),
        new Signal("turns", Kind.NUMBER, 0, 10_000, List.of()),
        new Signal("frustration", Kind.LEVEL, 0, 0, List.of("none", "mild", "high")),
        new Signal("repeat", Kind.FLAG, 0, 0, List.of()),
        new Signal("loop", Kind.FLAG, 0, 0, List.of()),
        new Signal("human_request", Kind.FLAG, 0, 0, List.of()),
        new Signal("sensitive_data", Kind.FLAG, 0, 0, List.of()),
        new Signal("topic", Kind.TEXT, 0, 0, List.of()),
        new Signal("keyword", Kind.WORDS, 0, 0, List.of())));
  }

  public Optional<Signal> signal(String name) {
    return Optional.ofNullable(signals.get(name));
  }

  public java.util.Set<String> names() {
    return new java.util.TreeSet<>(signals.keySet());
  }
}
