package baton.conversation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A message before it is committed and numbered. */
public record NewMessage(
    Author author, Optional<String> authorName, Optional<UUID> agentId, String text, List<Citation> citations,
    Optional<String> clientId) {
  public NewMessage {
    requireNonNull(author, "author");
    requireNonNull(authorName, "authorName");
    requireNonNull(agentId, "agentId");
    requireNonNull(text, "text");
    citations = List.copyOf(citations);
    requireNonNull(clientId, "clientId");
  }

  public static NewMessage fromCustomer(String text, Optional<String> clientId) {
    return new NewMessage(Author.CUSTOMER, Optional.empty(), Optional.empty(), text, List.of(), clientId);
  }

  public static NewMessage fromBot(String botName, String text, List<Citation> citations) {
    return new NewMessage(Author.BOT, Optional.of(botName), Optional.empty(), text, citations, Optional.empty());
  }

  public static NewMessage fromAgent(AgentRef agent, String text) {
    return new NewMessage(Author.AGENT, Optional.of(agent.name()), Optional.of(agent.id()), text, List.of(), Optional.empty());
  }

  /** A reply from a team rather than a logged-in agent, e.g. from the team inbox by email. */
  public static NewMessage fromTeam(String name, String text, Optional<String> clientId) {
    return new NewMessage(Author.AGENT, Optional.of(name), Optional.empty(), text, List.of(), clientId);
  }

  public static NewMessage system(String text) {
    return new NewMessage(Author.SYSTEM, Optional.empty(), Optional.empty(), text, List.of(), Optional.empty());
  }
}
