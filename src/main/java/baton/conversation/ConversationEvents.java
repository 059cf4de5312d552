package baton.conversation;

import baton.platform.EventBus;
import baton.platform.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The live events of conversations and the topics they travel on. Customers listen on their
 * conversation's topic; agents listen on {@link #AGENTS_TOPIC}, where every event names the
 * conversation, its team and the agent who owns it, so an agent's socket can keep only what is
 * theirs: their own conversations, and the unclaimed ones waiting in their teams' queues.
 */
public final class ConversationEvents {
  public static final String AGENTS_TOPIC = "agents";
  private final EventBus bus;

  public ConversationEvents(EventBus bus) {
    this.bus = bus;
  }

  public static String topicOf(ConversationId id) {
    return "conversation." + id;
  }

  void message(Conversation conversation, Message message) {
    var customerEvent = event("message");
    customerEvent.put("message", message);
    bus.publish(topicOf(conversation.id()), Json.write(customerEvent));
    var agentEvent = agentEvent("message", conversation);
    agentEvent.put("message", message);
    bus.publish(AGENTS_TOPIC, Json.write(agentEvent));
  }

  void state(Conversation conversation, ConversationView view) {
    var customerEvent = event("state");
    customerEvent.put("state", view.state());
    customerEvent.put("team", view.team());
    customerEvent.put("agent", view.agent());
    bus.publish(topicOf(conversation.id()), Json.write(customerEvent));
    var agentEvent = agentEvent("state", conversation);
    agentEvent.put("state", view.state());
    bus.publish(AGENTS_TOPIC, Json.write(agentEvent));
  }

  /** Tells the agent who held a conversation that it has gone to someone else, so their console drops it. */
  void unassigned(Conversation conversation, AgentRef previous) {
    var event = event("unassigned");
    event.put("conversationId", conversation.id().toString());
    event.put("agentId", previous.id().toString());
    event.put("teamId", conversation.teamId().orElse(null));
    bus.publish(AGENTS_TOPIC, Json.write(event));
  }

  void queueChanged(String teamId) {
    var event = event("queue");
    event.put("teamId", teamId);
    bus.publish(AGENTS_TOPIC, Json.write(event));
  }

  void customerTyping(Conversation conversation) {
    var agentEvent = agentEvent("typing", conversation);
    agentEvent.put("author", Author.CUSTOMER);
    bus.publish(AGENTS_TOPIC, Json.write(agentEvent));
  }

  void agentTyping(Conversation conversation, AgentRef agent) {
    var customerEvent = event("typing");
    customerEvent.put("author", Author.AGENT);
    customerEvent.put("name", agent.name());
    bus.publish(topicOf(conversation.id()), Json.write(customerEvent));
  }

  private static Map<String, Object> event(String type) {
    var event = new LinkedHashMap<String, Object>();
    event.put("type", type);
    return event;
  }

  private static Map<String, Object> agentEvent(String type, Conversation conversation) {
    var event = event(type);
    event.put("conversationId", conversation.id().toString());
    event.put("agentId", conversation.assignedAgent().map(AgentRef::id).map(UUID::toString).orElse(null));
    event.put("teamId", conversation.teamId().orElse(null));
    return event;
  }

  /** An internal note: agents only, never the customer's topic. */
  public void note(Conversation conversation, AgentNote note) {
    var event = new java.util.LinkedHashMap<String, Object>();
    event.put("type", "note");
    event.put("conversationId", conversation.id().value().toString());
    event.put("teamId", conversation.teamId().orElse(null));
    event.put("agentId", conversation.assignedAgent().map(agent -> agent.id().toString()).orElse(null));
    event.put("note", java.util.Map.of("id", note.id().toString(), "author", note.author().name(), "text", note.text(),
        "createdAt", note.createdAt().toString()));
    bus.publish(AGENTS_TOPIC, Json.write(event));
  }
}
