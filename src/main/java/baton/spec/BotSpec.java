package baton.spec;

import static java.util.Objects.requireNonNull;

import baton.routing.Team;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded, validated bot spec. Paths are already resolved against the spec file's folder.
 *
 * @param answerMinScore the lowest retrieval score the bot will answer from; below it, it hands off
 */
public record BotSpec(
    Path source,
    String botName,
    String greeting,
    List<Path> knowledgeFolders,
    List<Path> faqFiles,
    double answerMinScore,
    String defaultTeam,
    String handoffMessage,
    String noAnswerMessage,
    List<Team> teams) {
  public BotSpec {
    requireNonNull(source, "source");
    requireNonNull(botName, "botName");
    requireNonNull(greeting, "greeting");
    knowledgeFolders = List.copyOf(knowledgeFolders);
    faqFiles = List.copyOf(faqFiles);
    requireNonNull(defaultTeam, "defaultTeam");
    requireNonNull(handoffMessage, "handoffMessage");
    requireNonNull(noAnswerMessage, "noAnswerMessage");
    teams = List.copyOf(teams);
  }

  public Team team(String id) {
    return teams.stream().filter(team -> team.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no team " + id + " in " + source));
  }
}
