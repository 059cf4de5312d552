package baton.agent;

import baton.conversation.ConversationEvents;
import baton.conversation.ConversationService;
import baton.platform.EventBus;
import baton.platform.Json;
import baton.routing.Team;
import baton.routing.TeamStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the queues of teams set to {@code assignment: auto}: each queued conversation goes to the
 * least-loaded online agent of its team who has room, longest-waiting first.
 *
 * <p>It runs when anything changes a team's queue or load (a handoff, an assignment, a resolution,
 * an agent coming online: the events of the agents' topic) and every {@code sweep} as a safety net,
 * which also marks agents whose console stopped sending heartbeats as offline. All work runs on one
 * thread of this node; across nodes, {@code assignNext} locks the agent and skips queue rows others
 * are taking, so nothing is assigned twice and nobody goes over capacity. Thread-safe.
 */
public final class AutoAssigner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AutoAssigner.class);
  /** An agent whose console has not been heard from for this long is offline. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(90);

  private final AgentStore agents;
  private final TeamStore teams;
  private final ConversationService conversations;
  private final Clock clock;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("auto-assign").factory());
  private final EventBus.Subscription subscription;
  private final java.util.function.Supplier<java.util.Set<java.util.UUID>> connected;

  /**
   * @param connected the agents with a console open on this node: the sweep counts them as seen
   */
  public AutoAssigner(AgentStore agents, TeamStore teams, ConversationService conversations, EventBus bus, Clock clock,
      Duration sweep, java.util.function.Supplier<java.util.Set<java.util.UUID>> connected) {
    this.connected = connected;
    this.agents = agents;
    this.teams = teams;
    this.conversations = conversations;
    this.clock = clock;
    this.subscription = bus.subscribe(ConversationEvents.AGENTS_TOPIC, this::onEvent);
    worker.scheduleWithFixedDelay(this::sweep, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void onEvent(String json) {
    JsonNode event = Json.readTree(json);
    String teamId = event.path("teamId").asText("");
    String type = event.path("type").asText();
    // After a bus gap, events from other nodes may be lost: look at every team again.
    if (type.equals("presence") || type.equals("resync")) {
      worker.execute(this::assignAll);
    } else if (!teamId.isEmpty()) {
      worker.execute(() -> assign(teamId));
    }
  }

  private void sweep() {
    try {
      connected.get().forEach(agentId -> agents.seen(agentId, clock.instant()));
      int gone = agents.markUnseenOffline(clock.instant().minus(HEARTBEAT_TIMEOUT));
      if (gone > 0) {
        log.info("{} agent(s) went offline after missing heartbeats", gone);
      }
      takeBackUnanswered();
      assignAll();
    } catch (RuntimeException e) {
      log.warn("auto-assignment sweep failed; it runs again shortly", e);
    }
  }

  /**
   * An agent who was given a conversation and has not written within the team's reply time is marked
   * away (so nothing more is sent their way until they say they are back) and the conversation goes
   * back to the queue, at its old place, for someone else.
   */
  private void takeBackUnanswered() {
    for (var unanswered : conversations.unansweredAssignments()) {
      if (conversations.takeBack(unanswered.conversationId(), unanswered.agent()).isPresent()) {
        agents.setPresence(unanswered.agent().id(), Presence.AWAY, clock.instant());
        log.info("took conversation {} back from agent {}, silent since {}; they are now away", unanswered.conversationId(),
            unanswered.agent().id(), unanswered.assignedAt());
      }
    }
  }

  private void assignAll() {
    for (Team team : teams.all()) {
      assign(team.id());
    }
  }

  /** Assigns until the team's queue is empty or every online agent is full. */
  void assign(String teamId) {
    try {
      if (teams.find(teamId).map(team -> team.assignment() != Team.Assignment.AUTO).orElse(true)) {
        return;
      }
      boolean assigned = true;
      while (assigned) {
        assigned = false;
        List<AvailableAgent> available = agents.available(teamId);
        for (AvailableAgent candidate : available) {
          if (conversations.assignNext(teamId, candidate.agent(), candidate.capacity()).isPresent()) {
            assigned = true;
            break; // loads changed: ask again who is least loaded
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("auto-assignment for team {} failed; the sweep retries", teamId, e);
    }
  }

  @Override
  public void close() {
    subscription.close();
    worker.shutdownNow();
  }
}
