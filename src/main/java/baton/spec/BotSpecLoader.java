package baton.spec;

import baton.routing.Team;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a bot spec. Unknown keys are errors (a typo must not silently disable a safety
 * rule), and every problem carries the file, line and column it came from. Stateless, thread-safe.
 */
public final class BotSpecLoader {
  private final YAMLMapper yaml = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  record RawSpec(RawBot bot, RawKnowledge knowledge, RawAnswer answer, RawHandoff handoff, List<RawTeam> teams) {}

  record RawBot(String name, String greeting) {}

  record RawKnowledge(List<String> folders) {}

  record RawAnswer(@JsonProperty("minScore") Double minScore) {}

  record RawHandoff(String defaultTeam, String message, String noAnswer) {}

  record RawTeam(String id, String name, Integer typicalReplyMinutes) {}

  public BotSpec load(Path file) {
    String where = file.toString();
    RawSpec raw;
    try {
      String text = Files.readString(file);
      if (text.isBlank()) {
        throw new SpecException(List.of(where + ":1:1: the spec file is empty"));
      }
      raw = yaml.readValue(text, RawSpec.class);
    } catch (UnrecognizedPropertyException e) {
      throw new SpecException(List.of(keyLocation(file, e) + "unknown key '" + e.getPropertyName()
          + "'; allowed here: " + e.getKnownPropertyIds()));
    } catch (JsonProcessingException e) {
      throw new SpecException(List.of(at(where, e.getLocation()) + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SpecException(List.of(where + ":1:1: cannot read the spec file: " + e.getMessage()));
    }
    if (raw == null) {
      throw new SpecException(List.of(where + ":1:1: the spec file is empty"));
    }
    return validate(file, raw);
  }

  private static BotSpec validate(Path file, RawSpec raw) {
    List<String> problems = new ArrayList<>();
    String where = file + ":1:1: ";
    if (raw.bot() == null || blank(raw.bot().name())) {
      problems.add(where + "bot.name is required");
    }
    if (raw.bot() == null || blank(raw.bot().greeting())) {
      problems.add(where + "bot.greeting is required");
    }
    List<Team> teams = new ArrayList<>();
    Set<String> teamIds = new HashSet<>();
    if (raw.teams() == null || raw.teams().isEmpty()) {
      problems.add(where + "teams must list at least one team");
    } else {
      for (RawTeam team : raw.teams()) {
        try {
          teams.add(new Team(team.id(), team.name(), team.typicalReplyMinutes() == null ? 5 : team.typicalReplyMinutes()));
          if (!teamIds.add(team.id())) {
            problems.add(where + "team '" + team.id() + "' is listed twice");
          }
        } catch (RuntimeException e) {
          problems.add(where + "team '" + team.id() + "': " + (e.getMessage() == null ? "id and name are required" : e.getMessage()));
        }
      }
    }
    double minScore = raw.answer() == null || raw.answer().minScore() == null ? 2.0 : raw.answer().minScore();
    if (minScore < 0 || minScore > 100) {
      problems.add(where + "answer.minScore must be between 0 and 100, not " + minScore);
    }
    String defaultTeam = raw.handoff() == null ? null : raw.handoff().defaultTeam();
    if (blank(defaultTeam)) {
      problems.add(where + "handoff.defaultTeam is required");
    } else if (!teamIds.isEmpty() && !teamIds.contains(defaultTeam)) {
      problems.add(where + "handoff.defaultTeam '" + defaultTeam + "' is not one of the teams " + teamIds);
    }
    Path base = file.toAbsolutePath().getParent();
    List<Path> folders = new ArrayList<>();
    if (raw.knowledge() != null && raw.knowledge().folders() != null) {
      for (String folder : raw.knowledge().folders()) {
        Path resolved = base.resolve(folder).normalize();
        if (!Files.isDirectory(resolved)) {
          problems.add(where + "knowledge folder '" + folder + "' does not exist (resolved to " + resolved + ")");
        }
        folders.add(resolved);
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    String message = raw.handoff().message() == null
        ? "Connecting you to the {team} team; an agent usually replies within {minutes} minutes."
        : raw.handoff().message();
    String noAnswer = raw.handoff().noAnswer() == null
        ? "I'm not confident I can answer that correctly, so I'm bringing in a person."
        : raw.handoff().noAnswer();
    return new BotSpec(file, raw.bot().name(), raw.bot().greeting(), folders, minScore, defaultTeam, message, noAnswer, teams);
  }

  /**
   * The YAML parser reports an unknown key where it stopped, which can be the line after it; the key
   * itself is the last line at or before that point that starts with it.
   */
  private static String keyLocation(Path file, UnrecognizedPropertyException e) {
    JsonLocation reported = e.getLocation();
    int reportedLine = reported == null ? Integer.MAX_VALUE : reported.getLineNr();
    try {
      List<String> lines = Files.readAllLines(file);
      var key = java.util.regex.Pattern.compile("^(\\s*-?\\s*)" + java.util.regex.Pattern.quote(e.getPropertyName()) + "\\s*:");
      for (int i = Math.min(reportedLine, lines.size()) - 1; i >= 0; i--) {
        var matcher = key.matcher(lines.get(i));
        if (matcher.find()) {
          return file + ":" + (i + 1) + ":" + (matcher.end(1) + 1) + ": ";
        }
      }
    } catch (IOException ignored) {
      // fall back to where the parser stopped
    }
    return at(file.toString(), reported);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String at(String file, JsonLocation location) {
    if (location == null) {
      return file + ":1:1: ";
    }
    return file + ":" + Math.max(1, location.getLineNr()) + ":" + Math.max(1, location.getColumnNr()) + ": ";
  }
}
