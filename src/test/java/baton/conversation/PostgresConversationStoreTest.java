package baton.conversation;

import baton.platform.Database;
import baton.platform.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresConversationStoreTest implements ConversationStoreContract {
  private TestDatabases.TestDatabase db;

  @BeforeEach
  void open() {
    db = TestDatabases.postgres();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  public Database database() {
    return db.database();
  }
}
