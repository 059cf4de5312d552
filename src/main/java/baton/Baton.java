package baton;

import baton.conversation.ConversationService;
import baton.platform.Database;
import baton.platform.EventBus;
import baton.platform.WebServer;
import baton.knowledge.KnowledgeBase;

/** A running Baton server. Closing it stops HTTP first, then the bus, index and database. */
public final class Baton implements AutoCloseable {
  private final WebServer web;
  private final EventBus bus;
  private final KnowledgeBase knowledge;
  private final Database database;
  private final ConversationService conversations;

  Baton(WebServer web, EventBus bus, KnowledgeBase knowledge, Database database, ConversationService conversations) {
    this.web = web;
    this.bus = bus;
    this.knowledge = knowledge;
    this.database = database;
    this.conversations = conversations;
  }

  public int port() {
    return web.port();
  }

  public ConversationService conversations() {
    return conversations;
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    web.close();
    bus.close();
    knowledge.close();
    database.close();
  }
}
