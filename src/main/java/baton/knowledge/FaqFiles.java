package baton.knowledge;

import baton.platform.YamlPositions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads FAQ files: question–answer pairs with alternative phrasings, as YAML or JSON (a list of
 * {@code {question, answer, alternatives}}) or CSV (header {@code question,answer,alternatives},
 * alternatives separated by {@code |}). A file becomes one article, {@code /kb/<file name>}, with a
 * section per question, so FAQ answers are cited like any other passage. Stateless, thread-safe.
 */
public final class FaqFiles {
  private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {};
  private final ObjectMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final CsvMapper csv = new CsvMapper();
  private final MarkdownArticles markdown = new MarkdownArticles();

  /** One question and its answer, as written in the file. */
  public record Entry(String question, String answer, List<String> alternatives) {}

  /** A file that cannot be used; the message reads {@code file:line:column: problem}. */
  public static final class FaqFileException extends RuntimeException {
    public FaqFileException(String message) {
      super(message, null, false, false);
    }
  }

  public Article read(Path file) {
    String name = file.getFileName().toString();
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    List<Entry> entries;
    try {
      entries = switch (extension) {
        case "yaml", "yml" -> yaml.readValue(file.toFile(), ENTRIES);
        case "json" -> json.readValue(file.toFile(), ENTRIES);
        case "csv" -> readCsv(file);
        default -> throw new FaqFileException(file + ":1:1: FAQ files must be .yaml, .yml, .json or .csv");
      };
    } catch (UnrecognizedPropertyException e) {
      throw new FaqFileException(YamlPositions.ofKey(file, e.getPropertyName(), e.getLocation()) + "unknown key '"
          + e.getPropertyName() + "'; allowed: " + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      throw new FaqFileException(YamlPositions.at(file, e.getLocation()) + e.getOriginalMessage());
    } catch (IOException e) {
      throw new FaqFileException(file + ":1:1: cannot read the FAQ file: " + e.getMessage());
    }
    return toArticle(file, name.substring(0, name.lastIndexOf('.')), entries == null ? List.of() : entries);
  }

  private List<Entry> readCsv(Path file) throws IOException {
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Entry> entries = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class).with(schema).readValues(file.toFile())) {
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        String alternatives = row.getOrDefault("alternatives", "");
        entries.add(new Entry(row.get("question"), row.get("answer"),
            alternatives == null || alternatives.isBlank() ? List.of() : List.of(alternatives.split("\\s*\\|\\s*"))));
      }
    }
    return entries;
  }

  private Article toArticle(Path file, String slug, List<Entry> entries) {
    StringBuilder page = new StringBuilder("# Frequently asked questions\n\n");
    Map<String, List<String>> phrasings = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      if (blank(entry.question()) || blank(entry.answer())) {
        throw new FaqFileException(file + ":1:1: entry " + (i + 1) + " needs both a question and an answer");
      }
      String question = entry.question().strip().replace('\n', ' ');
      page.append("## ").append(question).append("\n\n").append(entry.answer().strip()).append("\n\n");
      phrasings.put(question, entry.alternatives() == null ? List.of() : entry.alternatives());
    }
    Article parsed = markdown.parse(slug, page.toString());
    List<Passage> passages = parsed.passages().stream()
        .map(passage -> passage.withPhrasings(phrasings.getOrDefault(passage.heading(), List.of())))
        .toList();
    return new Article(parsed.slug(), parsed.title(), parsed.markdown(), passages);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
