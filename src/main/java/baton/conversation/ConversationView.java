package baton.conversation;

import baton.routing.Team;
import java.time.Instant;
import java.util.Optional;

/** A conversation as clients see it: never the token hash or internal ids of the customer. */
public record ConversationView(
    String id, ConversationState state, TeamView team, AgentView agent, String channel, Instant createdAt,
    Instant updatedAt) {

  public record TeamView(String id, String name) {
    public static TeamView of(Team team) {
      return new TeamView(team.id(), team.name());
    }
  }

  public record AgentView(String id, String name) {}

  public static ConversationView of(Conversation conversation, Optional<Team> team) {
    return new ConversationView(
        conversation.id().toString(),
        conversation.state(),
        team.map(TeamView::of).orElse(null),
        conversation.assignedAgent().map(agent -> new AgentView(agent.id().toString(), agent.name())).orElse(null),
        conversation.channel(),
        conversation.createdAt(),
        conversation.updatedAt());
  }
}
