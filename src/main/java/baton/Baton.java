package baton;

import baton.conversation.ConversationService;
import baton.escalation.LiveBrain;
import baton.platform.Database;
import baton.platform.EventBus;
import baton.platform.FileWatcher;
import baton.platform.WebServer;

/** A running Baton server. Closing it stops HTTP first, then file watching, the bus, index and database. */
public final class Baton implements AutoCloseable {
  private final WebServer web;
  private final FileWatcher watcher;
  private final java.util.concurrent.ScheduledExecutorService webPolling;
  private final AutoCloseable mail;
  private final EventBus bus;
  private final java.util.function.IntSupplier openSockets;
  private final LiveBrain brain;
  private final Database database;
  private final ConversationService conversations;

  Baton(WebServer web, java.util.function.IntSupplier openSockets, FileWatcher watcher, java.util.concurrent.ScheduledExecutorService webPolling, AutoCloseable mail, EventBus bus, LiveBrain brain, Database database,
      ConversationService conversations) {
    this.web = web;
    this.openSockets = openSockets;
    this.watcher = watcher;
    this.webPolling = webPolling;
    this.mail = mail;
    this.bus = bus;
    this.brain = brain;
    this.database = database;
    this.conversations = conversations;
  }

  /** The close frames must reach the clients before the server drops connections, or they see 1006. */
  private void awaitSocketsClosed(java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (openSockets.getAsInt() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public int port() {
    return web.port();
  }

  /** The listen backlog of each HTTP connector. */
  public java.util.List<Integer> acceptQueueSizes() {
    return web.acceptQueueSizes();
  }

  /** Every request handler as "METHOD /path". */
  public java.util.List<String> endpoints() {
    return web.endpoints();
  }

  public ConversationService conversations() {
    return conversations;
  }

  public LiveBrain brain() {
    return brain;
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    // Graceful: new requests get 503, live sockets close with 1012 so clients reconnect elsewhere and
    // catch up from the store, and requests already running finish before connections close.
    bus.resyncLocalListeners();
    awaitSocketsClosed(java.time.Duration.ofSeconds(2));
    web.close();
    watcher.close();
    webPolling.shutdownNow();
    try {
      mail.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the mail sender", e);
    }
    bus.close();
    brain.knowledge().close();
    database.close();
  }
}
