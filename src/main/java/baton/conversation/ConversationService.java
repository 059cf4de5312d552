package baton.conversation;

import baton.compliance.Redaction;
import baton.compliance.SecretKind;
import baton.compliance.SecretScanner;
import baton.escalation.Decision;
import baton.escalation.DecisionRecord;
import baton.escalation.TurnContext;
import baton.escalation.SupportBot;
import baton.knowledge.Passage;
import baton.platform.ApiException;
import baton.platform.Json;
import baton.platform.SecureTokens;
import baton.routing.Team;
import baton.routing.TeamStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies what happens to a conversation, in the order that keeps promises to both sides:
 * a message is committed before anyone is told about it; a handoff changes state and posts its notice
 * in one transaction, and from then on the bot stays silent; live events go out only after commit.
 *
 * <p>State machine: BOT —(bot hands off)→ QUEUED —(agent claims)→ WITH_AGENT —(agent resolves)→
 * RESOLVED —(customer writes again)→ BOT. Thread-safe.
 */
public final class ConversationService {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConversationService.class);
  private static final int MAX_CLIENT_ID = 64;
  private static final int TRANSCRIPT_PAGE = 1000;
  private final ConversationStore store;
  private final TeamStore teams;
  private final SupportBot bot;
  private final ConversationEvents events;
  private final SecureTokens tokens;
  private final MeterRegistry meters;
  private final int maxMessageChars;
  private final List<HandoffListener> handoffListeners;
  private final java.time.Clock clock;

  private final java.util.function.Supplier<SecretScanner> secrets;

  public ConversationService(ConversationStore store, TeamStore teams, SupportBot bot, ConversationEvents events,
      SecureTokens tokens, MeterRegistry meters, int maxMessageChars) {
    this(store, teams, bot, events, tokens, meters, maxMessageChars, List.of(), java.time.Clock.systemUTC());
  }

  public ConversationService(ConversationStore store, TeamStore teams, SupportBot bot, ConversationEvents events,
      SecureTokens tokens, MeterRegistry meters, int maxMessageChars, List<HandoffListener> handoffListeners, java.time.Clock clock) {
    this(store, teams, bot, events, tokens, meters, maxMessageChars, handoffListeners, clock, SecretScanner::standard);
  }

  /**
   * @param secrets the scanner in force (the spec's custom patterns can change it): every text anyone
   *     writes is redacted with it before it is stored, read by the bot, logged or sent anywhere
   */
  public ConversationService(ConversationStore store, TeamStore teams, SupportBot bot, ConversationEvents events,
      SecureTokens tokens, MeterRegistry meters, int maxMessageChars, List<HandoffListener> handoffListeners, java.time.Clock clock,
      java.util.function.Supplier<SecretScanner> secrets) {
    this.secrets = secrets;
    this.handoffListeners = List.copyOf(handoffListeners);
    this.clock = clock;
    this.store = store;
    this.teams = teams;
    this.bot = bot;
    this.events = events;
    this.tokens = tokens;
    this.meters = meters;
    this.maxMessageChars = maxMessageChars;
  }

  public record Started(Conversation conversation, String token, Message greeting) {}

  public record CustomerPost(Message message, List<Message> replies, ConversationState state, boolean duplicate) {}

  public Started start(String channel, CustomerProfile customer) {
    String token = tokens.newToken();
    Conversation conversation = store.start(channel, redacted(customer), SecureTokens.hash(token));
    Message greeting = store.append(conversation.id(), NewMessage.fromBot(bot.name(), bot.greeting(), List.of())).message();
    count(greeting);
    return new Started(conversation, token, greeting);
  }

  public Optional<Conversation> find(ConversationId id) {
    return store.find(id);
  }

  /** The one conversation whose id starts with these hex digits (an email reference); empty when none or ambiguous. */
  public Optional<Conversation> findByReference(String hexPrefix) {
    List<Conversation> found = store.findByIdPrefix(hexPrefix.toLowerCase(java.util.Locale.ROOT), 2);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /**
   * A reply from the team by email (the team inbox, or an agent writing from their own mail): it joins
   * the transcript as the team's, whatever the state, so the customer sees it in the chat too. A mail
   * read twice ({@code clientId}) lands once.
   */
  public Message postFromTeamEmail(ConversationId id, String teamName, String text, Optional<String> clientId) {
    Redaction redaction = redact(checkText(text));
    Conversation conversation = store.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    ConversationStore.Appended appended = store.append(id, NewMessage.fromTeam(teamName, redaction.text(), clientId));
    if (!appended.duplicate()) {
      count(appended.message());
      recordRedaction(id, appended.message(), redaction);
      events.message(conversation, appended.message());
    }
    return appended.message();
  }

  public ConversationView view(Conversation conversation) {
    return ConversationView.of(conversation, conversation.teamId().flatMap(teams::find));
  }

  public List<Message> transcript(ConversationId id, long afterSeq) {
    return store.messagesAfter(id, afterSeq, TRANSCRIPT_PAGE);
  }

  public Optional<CustomerProfile> customer(ConversationId id) {
    return store.customerOf(id);
  }

  public Optional<Handoff> latestHandoff(ConversationId id) {
    return store.latestHandoff(id);
  }

  /**
   * Adds an internal note for the agents; the customer never sees it (it lives outside the transcript)
   * and only the agents' live topic hears of it.
   */
  public AgentNote addNote(Conversation conversation, AgentRef author, String text) {
    String body = text == null ? "" : text.strip();
    if (body.isEmpty() || body.length() > 4000) {
      throw ApiException.badRequest("A note needs 1-4000 characters of text.");
    }
    AgentNote note = store.addNote(conversation.id(), author, redact(body).text());
    events.note(conversation, note);
    return note;
  }

  public List<AgentNote> notes(ConversationId id) {
    return store.notes(id);
  }

  /** Capacity, skills or a team's assignment mode changed: routing looks at the team's queue again. */
  public void routingChanged(String teamId) {
    events.queueChanged(teamId);
  }

  /** Every team, for supervisors. */
  public List<Team> teams() {
    return teams.all();
  }

  public Optional<Team> team(String id) {
    return teams.find(id);
  }

  public CustomerPost postFromCustomer(Conversation conversation, String text, Optional<String> clientId) {
    Redaction redaction = redact(checkText(text));
    String body = redaction.text();
    clientId.ifPresent(ConversationService::checkClientId);
    ConversationId id = conversation.id();
    if (conversation.state() == ConversationState.RESOLVED && store.reopen(id)) {
      conversation = reload(id);
      events.state(conversation, view(conversation));
    }
    ConversationStore.Appended appended = store.append(id, NewMessage.fromCustomer(body, storableClientId(clientId)));
    if (appended.duplicate()) {
      return new CustomerPost(appended.message(), List.of(), reload(id).state(), true);
    }
    count(appended.message());
    recordRedaction(id, appended.message(), redaction);
    events.message(conversation, appended.message());
    if (conversation.state().isWithHumans()) {
      return new CustomerPost(appended.message(), List.of(), conversation.state(), false);
    }
    Decision decision = bot.respond(turnContext(conversation, appended.message()));
    long seq = appended.message().seq();
    return switch (decision) {
      // The decision and the reply that carries it out commit together: one transaction per turn.
      case Decision.Answer answer -> new CustomerPost(appended.message(),
          replyDeciding(conversation, seq, decision, answer.text(), answer.sources()), ConversationState.BOT, false);
      case Decision.Clarify clarify -> new CustomerPost(appended.message(),
          replyDeciding(conversation, seq, decision, clarify.text(), clarify.options()), ConversationState.BOT, false);
      case Decision.Collect collect -> new CustomerPost(appended.message(),
          replyDeciding(conversation, seq, decision, collect.question(), List.of()), ConversationState.BOT, false);
      case Decision.HandOff handOff -> {
        store.recordDecision(id, seq, decision.record().action(), Json.write(decision.record()));
        noteBlocked(id, seq, decision);
        List<Message> notice = handOff(conversation, handOff);
        ConversationState state = notice.isEmpty() ? reload(id).state() : ConversationState.QUEUED;
        yield new CustomerPost(appended.message(), notice, state, false);
      }
    };
  }

  /**
   * What the bot may know for this turn: the customer's details, and the transcript and decisions of
   * the current episode — since the last time people were involved (a handoff notice, an agent, a
   * resolution), so a returning customer starts afresh.
   */
  private TurnContext turnContext(Conversation conversation, Message current) {
    List<Message> all = store.messagesAfter(conversation.id(), 0, TRANSCRIPT_PAGE);
    long episodeStart = 0;
    for (Message message : all) {
      if (message.seq() < current.seq() && (message.author() == Author.SYSTEM || message.author() == Author.AGENT)) {
        episodeStart = message.seq();
      }
    }
    long since = episodeStart;
    List<TurnContext.Line> lines = all.stream()
        .filter(message -> message.seq() > since && message.seq() < current.seq())
        .map(message -> new TurnContext.Line(message.seq(), message.author().wireName(), message.authorName(), message.text(),
            message.createdAt(), message.citations().stream().map(cite -> new TurnContext.Cite(cite.title(), cite.url())).toList()))
        .toList();
    List<DecisionRecord> decisions = new ArrayList<>();
    for (ConversationStore.StoredDecision stored : store.decisions(conversation.id())) {
      if (stored.seq() > since && stored.seq() < current.seq()) {
        try {
          decisions.add(Json.mapper().readValue(stored.json(), DecisionRecord.class));
        } catch (JsonProcessingException e) {
          log.warn("unreadable decision {} of conversation {}; the bot decides without it", stored.seq(), conversation.id(), e);
        }
      }
    }
    CustomerProfile profile = store.customerOf(conversation.id()).orElse(CustomerProfile.anonymous());
    return new TurnContext(conversation.id().value().toString(), conversation.channel(),
        new TurnContext.Customer(profile.name(), profile.email(), profile.phone()), current.seq(), current.text(), lines, decisions);
  }

  /** The decision log of a conversation, oldest first, as stored. */
  public List<ConversationStore.StoredDecision> decisions(ConversationId id) {
    return store.decisions(id);
  }

  private List<Message> replyDeciding(Conversation conversation, long seq, Decision decision, String text, List<Passage> sources) {
    List<Citation> citations = sources.stream().map(ConversationService::citation).toList();
    Optional<Message> reply = store.recordDecisionWithReply(conversation.id(), seq, decision.record().action(),
        Json.write(decision.record()), NewMessage.fromBot(bot.name(), text, citations));
    noteBlocked(conversation.id(), seq, decision);
    reply.ifPresent(message -> {
      count(message);
      events.message(conversation, message);
    });
    return reply.stream().toList();
  }

  private void noteBlocked(ConversationId id, long seq, Decision decision) {
    if (decision.record().blocked() != null) {
      store.recordOutputBlocked(id, seq, decision.record().blocked());
      meters.counter("baton.output.blocked", "rule", decision.record().blocked()).increment();
    }
  }

  private static Citation citation(Passage passage) {
    return new Citation(passage.citationTitle(), passage.url());
  }

  private List<Message> handOff(Conversation conversation, Decision.HandOff handOff) {
    Optional<Message> notice = store.handOff(conversation.id(), new ConversationStore.HandoffRequest(handOff.team().id(),
        handOff.reason().wireName(), handOff.detail(), Optional.of(handOff.tier().id()), Optional.of(Json.write(handOff.packet())),
        handOff.tier().priority(), handOff.skill(), Optional.ofNullable(handOff.packet().sentiment()).map(tag -> tag.frustration())),
        NewMessage.system(handOff.customerNotice()));
    if (notice.isEmpty()) {
      return List.of(); // someone else changed the state first; their notice stands
    }
    Conversation queued = reload(conversation.id());
    meters.counter("baton.handoffs", "reason", handOff.reason().wireName(), "team", handOff.team().id(), "tier", handOff.tier().id())
        .increment();
    count(notice.get());
    events.message(queued, notice.get());
    events.state(queued, view(queued));
    events.queueChanged(handOff.team().id());
    for (HandoffListener listener : handoffListeners) {
      try {
        listener.handedOff(queued, handOff);
      } catch (RuntimeException e) {
        log.error("handoff listener {} failed for conversation {}; the handoff stands", listener, queued.id(), e);
      }
    }
    return List.of(notice.get());
  }

  public Conversation claim(ConversationId id, AgentRef agent) {
    Conversation before = store.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    String teamName = before.teamId().flatMap(teams::find).map(Team::name).orElse("Support");
    Optional<Message> notice = store.claim(id, agent,
        NewMessage.system(agent.name() + " from the " + teamName + " team has joined the conversation."));
    if (notice.isEmpty() && before.state() == ConversationState.QUEUED && before.requiredSkill().isPresent()
        && store.find(id).map(Conversation::state).orElse(null) == ConversationState.QUEUED) {
      throw ApiException.conflict("skill_required", "This conversation needs the '" + before.requiredSkill().get()
          + "' skill; ask a supervisor to assign it or to add the skill to your profile.");
    }
    if (notice.isEmpty()) {
      throw ApiException.conflict("already_claimed", before.state() == ConversationState.QUEUED || before.state() == ConversationState.WITH_AGENT
          ? "Another agent has already claimed this conversation."
          : "This conversation is not waiting in a queue.");
    }
    Conversation claimed = reload(id);
    count(notice.get());
    events.message(claimed, notice.get());
    events.state(claimed, view(claimed));
    claimed.teamId().ifPresent(events::queueChanged);
    return claimed;
  }

  public Message postFromAgent(ConversationId id, AgentRef agent, String text) {
    String body = checkText(text);
    Conversation conversation = store.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    if (conversation.state() != ConversationState.WITH_AGENT || !conversation.isAssignedTo(agent.id())) {
      throw ApiException.conflict("invalid_state", "Only the agent who claimed this conversation can reply to it.");
    }
    Redaction redaction = redact(body);
    Message message = store.append(id, NewMessage.fromAgent(agent, redaction.text())).message();
    count(message);
    recordRedaction(id, message, redaction);
    events.message(conversation, message);
    return message;
  }

  /**
   * Auto-assignment: gives this agent the team's longest-waiting conversation unless the agent is at
   * capacity; the customer and the agent hear about it like a claim. Empty when nothing was assigned.
   */
  public Optional<Conversation> assignNext(String teamId, AgentRef agent, int capacity) {
    String teamName = teams.find(teamId).map(Team::name).orElse("Support");
    Optional<ConversationStore.Assigned> assigned = store.assignNext(teamId, agent, capacity,
        NewMessage.system(agent.name() + " from the " + teamName + " team has joined the conversation."));
    if (assigned.isEmpty()) {
      return Optional.empty();
    }
    Conversation conversation = reload(assigned.get().conversationId());
    count(assigned.get().notice());
    events.message(conversation, assigned.get().notice());
    events.state(conversation, view(conversation));
    events.queueChanged(teamId);
    meters.counter("baton.assignments", "team", teamId).increment();
    return Optional.of(conversation);
  }

  /**
   * Passes a conversation the agent holds to another team's queue with a note for the next agent; the
   * customer is told who takes over and when. The packet goes along.
   */
  public Conversation transfer(ConversationId id, AgentRef agent, String teamId, String note) {
    Team team = teams.find(teamId).orElseThrow(() -> ApiException.badRequest("No team '" + teamId + "'."));
    String text = note == null ? "" : note.strip();
    if (text.isEmpty() || text.length() > 2000) {
      throw ApiException.badRequest("Write a note for the next agent (1-2000 characters): why it goes to them.");
    }
    Optional<Message> notice = store.transfer(id, agent, team.id(), text, NewMessage.system(agent.name() + " has passed your conversation to the "
        + team.name() + " team; they usually reply within " + team.typicalReplyMinutes() + " minutes and will see everything so far."));
    if (notice.isEmpty()) {
      throw ApiException.conflict("invalid_state", "Only the agent who holds this conversation can transfer it.");
    }
    Conversation queued = reload(id);
    count(notice.get());
    events.message(queued, notice.get());
    events.state(queued, view(queued));
    events.queueChanged(team.id());
    meters.counter("baton.transfers", "team", team.id()).increment();
    return queued;
  }

  /** Assignments whose agent has stayed silent past the team's reply time. */
  public List<ConversationStore.Unanswered> unansweredAssignments() {
    return store.unansweredAssignments(clock.instant());
  }

  /**
   * Takes a conversation back from an agent who did not answer in time and puts it back at its place
   * in the queue; the customer is told, and the queue moves on.
   */
  public Optional<Conversation> takeBack(ConversationId id, AgentRef agent) {
    Optional<Message> notice = store.takeBack(id, agent,
        NewMessage.system("Sorry for the wait: " + agent.name() + " could not get to you in time, so we are bringing in someone else."));
    if (notice.isEmpty()) {
      return Optional.empty();
    }
    Conversation queued = reload(id);
    count(notice.get());
    events.message(queued, notice.get());
    events.state(queued, view(queued));
    queued.teamId().ifPresent(events::queueChanged);
    meters.counter("baton.assignments.taken.back").increment();
    return Optional.of(queued);
  }

  public Conversation resolve(ConversationId id, AgentRef agent) {
    return resolve(id, agent, new ConversationStore.Resolution(Optional.empty(), false));
  }

  /**
   * Resolves with the agent's note and whether their answer is worth reusing; reusable resolutions
   * become suggested knowledge. The note is for the team, never shown to the customer.
   */
  public Conversation resolve(ConversationId id, AgentRef agent, ConversationStore.Resolution resolution) {
    Conversation conversation = store.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    resolution = new ConversationStore.Resolution(resolution.note().map(String::strip).filter(text -> !text.isEmpty()), resolution.reusable());
    if (resolution.note().map(String::length).orElse(0) > 4000) {
      throw ApiException.badRequest("A resolution note is at most 4000 characters.");
    }
    if (resolution.reusable() && resolution.note().isEmpty()
        && store.messagesAfter(id, 0, TRANSCRIPT_PAGE).stream().noneMatch(message -> message.author() == Author.AGENT)) {
      throw ApiException.badRequest("A reusable answer needs an answer: reply to the customer or write the answer in the resolution note.");
    }
    Optional<Message> notice = store.resolve(id, agent, resolution,
        NewMessage.system(agent.name() + " marked this conversation as resolved. Write again any time if you need more help."));
    if (notice.isEmpty()) {
      throw ApiException.conflict("invalid_state", conversation.state() == ConversationState.RESOLVED
          ? "This conversation is already resolved."
          : "Only the agent who claimed this conversation can resolve it.");
    }
    Conversation resolved = reload(id);
    count(notice.get());
    events.message(resolved, notice.get());
    events.state(resolved, view(resolved));
    return resolved;
  }

  /**
   * The agent is done but the customer may have more simple questions: the bot takes the conversation
   * back and answers the next message. The customer is told.
   */
  public Conversation handBack(ConversationId id, AgentRef agent, Optional<String> note) {
    Conversation conversation = store.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    Optional<Message> notice = store.handBack(id, agent, note.map(String::strip).filter(text -> !text.isEmpty()),
        NewMessage.system(agent.name() + " has handed you back to " + bot.name() + ", our assistant. Ask anything, and say if you "
            + "want a person again."));
    if (notice.isEmpty()) {
      throw ApiException.conflict("invalid_state", "Only the agent who holds this conversation can hand it back to the bot.");
    }
    Conversation back = reload(id);
    count(notice.get());
    events.message(back, notice.get());
    events.state(back, view(back));
    conversation.teamId().ifPresent(events::queueChanged);
    meters.counter("baton.handbacks").increment();
    return back;
  }

  /**
   * A supervisor gives a queued or held conversation to a particular agent (skills and load are theirs
   * to judge); the customer hears who joins, and the previous agent's console drops it.
   */
  public Conversation reassign(ConversationId id, AgentRef to, AgentRef by) {
    Conversation before = store.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    if (before.isAssignedTo(to.id())) {
      return before;
    }
    String teamName = before.teamId().flatMap(teams::find).map(Team::name).orElse("Support");
    Optional<Message> notice = store.reassign(id, to, by, NewMessage.system(to.name() + " from the " + teamName
        + " team is taking over your conversation and can see everything so far."));
    if (notice.isEmpty()) {
      throw ApiException.conflict("invalid_state", "Only a queued or assigned conversation can be reassigned.");
    }
    Conversation moved = reload(id);
    count(notice.get());
    events.message(moved, notice.get());
    events.state(moved, view(moved));
    before.assignedAgent().ifPresent(previous -> events.unassigned(moved, previous));
    moved.teamId().ifPresent(events::queueChanged);
    meters.counter("baton.reassignments").increment();
    return moved;
  }

  public void customerTyping(Conversation conversation) {
    if (conversation.state() == ConversationState.WITH_AGENT) {
      events.customerTyping(conversation);
    }
  }

  public void agentTyping(ConversationId id, AgentRef agent) {
    Conversation conversation = store.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    if (conversation.isAssignedTo(agent.id())) {
      events.agentTyping(conversation, agent);
    }
  }

  public List<QueueEntry> queued(List<String> teamIds) {
    return store.queued(teamIds);
  }

  public List<QueueEntry> assignedTo(AgentRef agent) {
    return store.assignedTo(agent.id());
  }

  private Conversation reload(ConversationId id) {
    return store.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
  }

  /**
   * The start fields are typed by the customer like any message (a card number pasted as a name): their
   * secrets are masked too, and a mask never makes a field longer than its column.
   */
  private CustomerProfile redacted(CustomerProfile customer) {
    return new CustomerProfile(customer.name().map(name -> clip(redact(name).text(), 200)),
        customer.email().map(email -> clip(redact(email).text(), 320)), customer.phone().map(phone -> clip(redact(phone).text(), 64)));
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /**
   * A client's idempotency key is stored to find retries; a key with a secret in it is stored as its
   * hash instead (the same key always gives the same hash, so retries are still found).
   */
  private Optional<String> storableClientId(Optional<String> clientId) {
    return clientId.map(key -> secrets.get().containsSecrets(key) ? "h:" + SecureTokens.hash(key).substring(0, 62) : key);
  }

  /** Secrets masked; contact details and order numbers kept, for the packet. */
  private Redaction redact(String text) {
    return secrets.get().redact(text);
  }

  private void recordRedaction(ConversationId id, Message message, Redaction redaction) {
    if (redaction.changed()) {
      List<String> kinds = redaction.kinds().stream().map(SecretKind::wireName).sorted().toList();
      store.recordRedaction(id, message.seq(), kinds);
      kinds.forEach(kind -> meters.counter("baton.redactions", "kind", kind).increment());
    }
  }

  private String checkText(String text) {
    if (text == null) {
      throw ApiException.badRequest("Field 'text' is required and must be a string.");
    }
    String body = text.strip();
    if (body.isEmpty()) {
      throw ApiException.badRequest("Message text must not be empty.");
    }
    if (body.length() > maxMessageChars) {
      throw new ApiException(413, "message_too_long",
          "Message is " + body.length() + " characters; the limit is " + maxMessageChars + ".");
    }
    return body;
  }

  private static void checkClientId(String clientId) {
    if (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID) {
      throw ApiException.badRequest("Field 'clientId' must be 1 to " + MAX_CLIENT_ID + " characters.");
    }
  }

  private void count(Message message) {
    Counter.builder("baton.messages").tag("author", message.author().wireName()).register(meters).increment();
  }
}
