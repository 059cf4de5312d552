package baton.signals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Word (or emoticon) to mean human valence on -4..+4, read from the VADER lexicon file format
 * ({@code token<TAB>mean<TAB>std dev<TAB>[ratings]}). Lookups are by lower-cased token, as VADER's own
 * are; a token listed twice keeps its last line. Immutable, thread-safe.
 */
final class ValenceLexicon {
  /** Where the build puts the VADER lexicon (unpacked from its Maven Central jar, see pom.xml). */
  static final String VADER_RESOURCE = "signals/vader_sentiment_lexicon.txt";

  private final Map<String, Double> valences;

  private ValenceLexicon(Map<String, Double> valences) {
    this.valences = Map.copyOf(valences);
  }

  static ValenceLexicon of(Map<String, Double> valences) {
    return new ValenceLexicon(valences);
  }

  static ValenceLexicon vader() {
    InputStream in = ValenceLexicon.class.getClassLoader().getResourceAsStream(VADER_RESOURCE);
    if (in == null) {
      throw new IllegalStateException(VADER_RESOURCE + " is not on the classpath; the Maven build unpacks it"
          + " (maven-dependency-plugin, execution unpack-vader-lexicon)");
    }
    try (in) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ValenceLexicon read(InputStream in) throws IOException {
    Map<String, Double> valences = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      String[] fields = line.strip().split("\t");
      if (fields.length >= 2 && !fields[0].isEmpty()) {
        valences.put(fields[0], Double.parseDouble(fields[1]));
      }
    }
    return new ValenceLexicon(valences);
  }

  OptionalDouble valence(String lowerCaseToken) {
    Double valence = valences.get(lowerCaseToken);
    return valence == null ? OptionalDouble.empty() : OptionalDouble.of(valence);
  }

  boolean contains(String lowerCaseToken) {
    return valences.containsKey(lowerCaseToken);
  }

  int size() {
    return valences.size();
  }
}
