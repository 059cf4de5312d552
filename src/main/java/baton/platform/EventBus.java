package baton.platform;

import java.util.function.Consumer;

/**
 * Carries live events (JSON text) between whoever changes a conversation and whoever holds a socket
 * for it. Events are notifications only: the database stays the source of truth, and a subscriber
 * that misses an event catches up by reading the store from its last seen sequence number. That is
 * what lets a Redis implementation replace the in-process one without new delivery guarantees.
 */
public interface EventBus extends AutoCloseable {
  /**
   * Delivered to every listener when the bus may have missed events (e.g. Redis came back after an
   * outage). A socket holder closes its socket with a reconnect hint, so the client resumes from its
   * last sequence number and reads what it missed from the store.
   */
  String RESYNC = "{\"type\":\"resync\"}";

  void publish(String topic, String json);

  /** Subscribes until the returned handle is closed. The listener must not block. */
  Subscription subscribe(String topic, Consumer<String> listener);

  /**
   * Sends {@link #RESYNC} to this node's listeners of every topic: live sockets close with a
   * reconnect hint, e.g. before the node shuts down, so clients move to another node and catch up.
   */
  void resyncLocalListeners();

  @Override
  void close();

  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
