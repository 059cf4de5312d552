package baton.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The system of record for conversations, transcripts and handoffs. Every method is one transaction;
 * when it returns, the change is committed. State changes are compare-and-set on the current state,
 * so two agents (or two nodes) racing for one conversation cannot both win. Thread-safe.
 */
public interface ConversationStore {
  /** Creates the customer and the conversation (state BOT, no messages yet). */
  Conversation start(String channel, CustomerProfile customer, String tokenHash);

  Optional<Conversation> find(ConversationId id);

  /** Conversations whose id starts with these lower-case hex digits (an email reference); at most {@code limit}. */
  List<Conversation> findByIdPrefix(String hexPrefix, int limit);

  Optional<CustomerProfile> customerOf(ConversationId id);

  /**
   * Appends a message with the next sequence number. A customer message whose client id was already
   * stored returns the stored one, marked duplicate, and changes nothing.
   *
   * @throws ConversationNotFoundException when the conversation does not exist
   */
  Appended append(ConversationId id, NewMessage message);

  /** Messages with {@code seq > afterSeq}, ascending, at most {@code limit}. */
  List<Message> messagesAfter(ConversationId id, long afterSeq, int limit);

  /**
   * BOT → QUEUED for the team, recording the handoff and appending the customer notice in the same
   * transaction, so the bot can never answer a conversation that humans already own.
   * Empty when the conversation was not with the bot.
   */
  Optional<Message> handOff(ConversationId id, String teamId, String reason, String detail, NewMessage notice);

  /**
   * As {@link #handOff(ConversationId, String, String, String, NewMessage)}, also recording the tier
   * and the context packet (JSON) with the handoff.
   */
  Optional<Message> handOff(ConversationId id, HandoffRequest request, NewMessage notice);

  /** What a handoff records besides the state change. */
  record HandoffRequest(String teamId, String reason, String detail, Optional<String> tierId, Optional<String> packetJson,
      int priority, Optional<String> requiredSkill, Optional<String> frustration) {
    public HandoffRequest(String teamId, String reason, String detail, Optional<String> tierId, Optional<String> packetJson) {
      this(teamId, reason, detail, tierId, packetJson, 5, Optional.empty(), Optional.empty());
    }
  }

  /**
   * Appends one line to the decision log: the bot's decision on the customer message {@code seq}.
   * A second decision for the same message is ignored (a retried request decides nothing twice).
   */
  void recordDecision(ConversationId id, long seq, String action, String json);

  /**
   * As {@link #recordDecision}, and appends the bot's reply that carries the decision out, in one
   * transaction: a turn commits once for both. When the message already has a decision (a retried
   * request), nothing is written and the result is empty.
   */
  Optional<Message> recordDecisionWithReply(ConversationId id, long seq, String action, String json, NewMessage reply);

  /**
   * The output guard stopped what the bot meant to say after customer message {@code seq}; appends an
   * {@code output_blocked} audit entry naming the rule (never the stopped text).
   */
  void recordOutputBlocked(ConversationId id, long seq, String rule);

  /** Notes in the audit log that message {@code seq} had secrets of these kinds masked before it was stored. */
  void recordRedaction(ConversationId id, long seq, List<String> kinds);

  /** Stores an internal note; it never enters the message sequence the customer sees. */
  AgentNote addNote(ConversationId id, AgentRef author, String text);

  /** A conversation's internal notes, oldest first. */
  List<AgentNote> notes(ConversationId id);

  /** The decision log of a conversation, oldest first. */
  List<StoredDecision> decisions(ConversationId id);

  record StoredDecision(long seq, String action, String json, java.time.Instant createdAt) {}

  /**
   * Routing's pull: in one transaction, takes the team's next QUEUED conversation this agent has the
   * skill for (highest tier priority first, then longest waiting) and gives it to this agent, unless the agent already holds {@code capacity} conversations. The agent's
   * row is locked for the check, so two nodes assigning to one agent cannot both squeeze in; queued
   * conversations another transaction is assigning are skipped, not waited for. Empty when the agent
   * is full or nothing is queued.
   */
  Optional<Assigned> assignNext(String teamId, AgentRef agent, int capacity, NewMessage notice);

  record Assigned(ConversationId conversationId, Message notice) {}

  /**
   * Conversations auto-assigned to an agent who has not written a word since, for longer than their
   * team's reply time at {@code now}; oldest first.
   */
  List<Unanswered> unansweredAssignments(java.time.Instant now);

  record Unanswered(ConversationId conversationId, String teamId, AgentRef agent, java.time.Instant assignedAt) {}

  /**
   * WITH_AGENT (this agent, still silent) → QUEUED again, keeping its place in the queue, with a
   * notice. Empty when the agent has answered or the conversation moved on meanwhile.
   */
  Optional<Message> takeBack(ConversationId id, AgentRef agent, NewMessage notice);

  /**
   * The team's queue as it stands, for wait estimates: conversations queued now, the online agents'
   * capacity and free slots, and the last {@code window} handle and pickup times.
   */
  baton.routing.QueueSnapshot queueSnapshot(String teamId, int window);

  /**
   * WITH_AGENT (this agent) → QUEUED for another team, with a notice. The current handoff is closed and
   * a new one opened for the team, carrying the same tier and packet and the agent's note as its
   * detail, so the next agent sees everything the first one did plus why it came to them.
   * Empty when the agent does not hold the conversation.
   */
  Optional<Message> transfer(ConversationId id, AgentRef from, String toTeam, String note, NewMessage notice);

  /**
   * QUEUED → WITH_AGENT for this agent, with a notice. Empty when someone else got there first or the
   * conversation needs a skill the agent does not hold.
   */
  Optional<Message> claim(ConversationId id, AgentRef agent, NewMessage notice);

  /**
   * A supervisor's move: QUEUED or WITH_AGENT (anyone) → WITH_AGENT for {@code to}, with a notice,
   * whatever the skill and load (a person decided). Empty when the conversation is in neither state.
   */
  Optional<Message> reassign(ConversationId id, AgentRef to, AgentRef by, NewMessage notice);

  /** WITH_AGENT (owned by this agent) → RESOLVED, with a notice. Empty when the agent does not own it. */
  default Optional<Message> resolve(ConversationId id, AgentRef agent, NewMessage notice) {
    return resolve(id, agent, new Resolution(Optional.empty(), false), notice);
  }

  /**
   * As {@link #resolve(ConversationId, AgentRef, NewMessage)}, keeping the agent's resolution note and
   * whether the answer is worth reusing (the learning loop proposes it as knowledge).
   */
  Optional<Message> resolve(ConversationId id, AgentRef agent, Resolution resolution, NewMessage notice);

  /** How an agent closed their part. */
  record Resolution(Optional<String> note, boolean reusable) {
    public Resolution {
      java.util.Objects.requireNonNull(note, "note");
    }
  }

  /**
   * WITH_AGENT (owned by this agent) → BOT: the agent hands the customer back to the bot, which answers
   * the next message. Empty when the agent does not own it.
   */
  Optional<Message> handBack(ConversationId id, AgentRef agent, Optional<String> note, NewMessage notice);

  /** RESOLVED → BOT, so a returning customer is answered again. False when it was not resolved. */
  boolean reopen(ConversationId id);

  /** QUEUED conversations of these teams, in the order they are served: priority, then longest waiting. */
  List<QueueEntry> queued(Collection<String> teamIds);

  /** WITH_AGENT conversations owned by this agent, oldest first. */
  List<QueueEntry> assignedTo(java.util.UUID agentId);

  Optional<Handoff> latestHandoff(ConversationId id);

  record Appended(Message message, boolean duplicate) {}
}
