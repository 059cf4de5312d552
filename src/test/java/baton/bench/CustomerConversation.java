package baton.bench;

import baton.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;

/**
 * One load customer in one conversation, and the listener of its live socket; every request of the
 * conversation goes to the node it was opened on. Its texts come from the run's {@link CustomerWording},
 * signed with one name throughout.
 *
 * <p>States: READY (in the pacer's queue, reading) → WAITING (message sent) → READY again once both
 * the POST has answered and the reply has come over the socket; after the last turn, or when the
 * conversation goes to a person and an agent resolves it, ENDED, and {@link Customers} opens a new
 * conversation in its place. A WAITING message whose reply never shows counts as {@code reply_timeout};
 * a HANDED_OFF conversation nobody resolves is abandoned after {@link #ABANDON_AFTER_NANOS}.
 *
 * <p>The latency measured is the customer's: from just before the POST to the socket frame carrying
 * the reply (the first bot or system message after the customer's own, matched by its clientId).
 * The pacer only picks customers that are not waiting, so at most one message is in flight. Thread-safe:
 * the state is guarded by this object's lock.
 */
final class CustomerConversation implements WebSocket.Listener {
  static final long REPLY_TIMEOUT_NANOS = 15_000_000_000L;
  static final long ABANDON_AFTER_NANOS = 120_000_000_000L;

  enum Phase { READY, WAITING, HANDED_OFF, ENDED }

  private final Run run;
  private final Customers customers;
  private final BatonHttp node;
  private final String id;
  private final String token;
  private final List<String> questions;
  private final SplittableRandom random;
  private final SplittableRandom wordingRandom;
  private final String signature;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;
  private Phase phase = Phase.READY;
  private int turn;
  private String awaitingClientId;
  private long awaitingSeq = -1;
  private long sentNanos;
  private long handedOffNanos;
  private boolean postDone;
  private boolean replySeen;
  private boolean handedOff;

  CustomerConversation(Run run, Customers customers, BatonHttp node, String id, String token, SplittableRandom random) {
    this.run = run;
    this.customers = customers;
    this.node = node;
    this.id = id;
    this.token = token;
    this.random = random;
    this.questions = run.questions().forOneConversation(run.options().turns(), random);
    // Drawn in both text modes, so that a seed asks the same questions and hands off the same turns in both.
    this.wordingRandom = new SplittableRandom(random.nextLong() ^ run.wording().salt());
    this.signature = run.wording().signature(wordingRandom);
  }

  String livePath() {
    return "/api/conversations/" + id + "/live?token=" + token + "&after=0";
  }

  synchronized void attach(WebSocket webSocket) {
    this.socket = webSocket;
  }

  synchronized boolean isReady() {
    return phase == Phase.READY;
  }

  /** The pacer's turn for this customer: one message, on a virtual thread of its own. */
  void send() {
    boolean asksForAPerson;
    String text;
    String clientId;
    long started;
    synchronized (this) {
      if (phase != Phase.READY) {
        return;
      }
      asksForAPerson = random.nextDouble() < run.options().handoffShare();
      text = asksForAPerson ? run.wording().askForAPerson(QuestionMix.askForAPerson(random), signature, wordingRandom)
          : run.wording().question(questions.get(turn % questions.size()), signature, wordingRandom);
      turn++;
      clientId = "load-" + turn;
      awaitingClientId = clientId;
      awaitingSeq = -1;
      postDone = false;
      replySeen = false;
      phase = Phase.WAITING;
      started = System.nanoTime();
      sentNanos = started;
    }
    run.measures().sent(started);
    if (asksForAPerson) {
      run.handoffs().asked(id, started);
    }
    String failure = null;
    try {
      var reply = node.post("/api/conversations/" + id + "/messages", Json.write(Map.of("text", text, "clientId", clientId)),
          "Authorization", "Bearer " + token);
      run.measures().postMessage.record(started, System.nanoTime());
      if (reply.status() == 201) {
        String state = reply.json().path("state").asText();
        synchronized (this) {
          postDone = true;
          handedOff = state.equals("QUEUED") || state.equals("WITH_AGENT");
          if (handedOff && !asksForAPerson) {
            run.measures().botHandoffs.increment();
          }
          if (replySeen) {
            afterTurn();
          }
        }
        return;
      }
      failure = "post_message:" + reply.status();
    } catch (IOException e) {
      run.errors().add("post_message", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      run.errors().add(failure);
    }
    if (asksForAPerson) {
      run.handoffs().withdrawn(id);
    }
    synchronized (this) {
      // Nothing was stored: the customer reads a while and tries another turn.
      if (phase == Phase.WAITING) {
        phase = Phase.READY;
        customers.ready(this);
      }
    }
  }

  /** Both halves of the turn are in (or the reply timed out): what the customer does next. */
  private void afterTurn() {
    if (handedOff) {
      phase = Phase.HANDED_OFF;
      handedOffNanos = System.nanoTime();
    } else if (turn >= run.options().turns()) {
      end();
    } else {
      phase = Phase.READY;
      customers.ready(this);
    }
  }

  private void end() {
    if (phase == Phase.ENDED) {
      return;
    }
    phase = Phase.ENDED;
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null);
    }
    customers.ended(this);
  }

  /** Called once a second by the run's sweeper. */
  synchronized void checkTimeouts(long nowNanos) {
    if (phase == Phase.WAITING && !replySeen && nowNanos - sentNanos > REPLY_TIMEOUT_NANOS) {
      run.errors().add("reply_timeout");
      replySeen = true;
      if (postDone) {
        afterTurn();
      }
    } else if (phase == Phase.HANDED_OFF && nowNanos - handedOffNanos > ABANDON_AFTER_NANOS) {
      run.measures().abandoned.increment();
      end();
    }
  }

  /** The run is over: leave without being replaced. */
  synchronized void leave() {
    phase = Phase.ENDED;
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    long received = System.nanoTime();
    String frame = null;
    synchronized (partial) {
      partial.append(data);
      if (last) {
        frame = partial.toString();
        partial.setLength(0);
      }
    }
    if (frame != null) {
      handle(Json.readTree(frame), received);
    }
    webSocket.request(1);
    return null;
  }

  private synchronized void handle(JsonNode frame, long received) {
    String type = frame.path("type").asText();
    if (type.equals("message")) {
      JsonNode message = frame.path("message");
      String author = message.path("author").asText();
      long seq = message.path("seq").asLong();
      if (author.equals("customer")) {
        if (phase == Phase.WAITING && message.path("clientId").asText("").equals(awaitingClientId)) {
          awaitingSeq = seq;
        }
      } else if ((author.equals("bot") || author.equals("system")) && phase == Phase.WAITING && awaitingSeq >= 0
          && seq > awaitingSeq && !replySeen) {
        replySeen = true;
        if (author.equals("bot")) {
          run.measures().botReply.record(sentNanos, received);
          (message.path("citations").size() > 1 ? run.measures().clarifications : run.measures().answers).increment();
        } else {
          run.measures().handoffNotice.record(sentNanos, received);
          run.measures().handoffNotices.increment();
        }
        if (postDone) {
          afterTurn();
        }
      } else if (author.equals("agent")) {
        run.measures().agentRepliesSeenByCustomers.increment();
      }
    } else if (type.equals("state") && frame.path("state").asText().equals("RESOLVED") && phase == Phase.HANDED_OFF) {
      end();
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    synchronized (this) {
      if (phase != Phase.ENDED) {
        run.errors().add("customer_socket_closed:" + statusCode + ":" + phase.name().toLowerCase(java.util.Locale.ROOT));
        end();
      }
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    synchronized (this) {
      if (phase != Phase.ENDED) {
        run.errors().add("customer_socket", error);
        end();
      }
    }
  }
}
