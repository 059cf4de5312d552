package baton.conversation;

import baton.platform.Database;
import baton.platform.TestDatabases;
import org.junit.jupiter.api.AfterEach;

class PostgresConversationStoreTest implements ConversationStoreContract {
  // Opened at construction, so contract @BeforeEach methods already see it.
  private final TestDatabases.TestDatabase db = TestDatabases.postgres();

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  public Database database() {
    return db.database();
  }
}
