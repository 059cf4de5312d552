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
  private final LiveBrain brain;
  private final Database database;
  private final ConversationService conversations;

  Baton(WebServer web, FileWatcher watcher, java.util.concurrent.ScheduledExecutorService webPolling, AutoCloseable mail, EventBus bus, LiveBrain brain, Database database,
      ConversationService conversations) {
    this.web = web;
    this.watcher = watcher;
    this.webPolling = webPolling;
    this.mail = mail;
    this.bus = bus;
    this.brain = brain;
    this.database = database;
    this.conversations = conversations;
  }

  public int port() {
    return web.port();
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
