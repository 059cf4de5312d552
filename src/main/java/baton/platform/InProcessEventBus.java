package baton.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event bus for a single node: delivers on the publisher's thread, in publish order per topic.
 * Thread-safe. A failing listener is logged and does not stop delivery to the others.
 */
public final class InProcessEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);
  private final ConcurrentHashMap<String, Set<Consumer<String>>> listeners = new ConcurrentHashMap<>();

  @Override
  public void publish(String topic, String json) {
    Set<Consumer<String>> forTopic = listeners.get(topic);
    if (forTopic == null) {
      return;
    }
    for (Consumer<String> listener : forTopic) {
      try {
        listener.accept(json);
      } catch (RuntimeException e) {
        log.warn("event listener failed on topic {}", topic, e);
      }
    }
  }

  @Override
  public void resyncLocalListeners() {
    for (String topic : listeners.keySet()) {
      publish(topic, RESYNC);
    }
  }

  @Override
  public Subscription subscribe(String topic, Consumer<String> listener) {
    listeners.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(listener);
    return () ->
        listeners.computeIfPresent(topic, (t, set) -> {
          set.remove(listener);
          return set.isEmpty() ? null : set;
        });
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
