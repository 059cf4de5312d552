package baton.routing;

import baton.platform.Database;
import baton.platform.TestDatabases;
import org.junit.jupiter.api.AfterEach;

class H2TeamStoreTest implements TeamStoreContract {
  // Opened at construction, so contract @BeforeEach methods already see it.
  private final TestDatabases.TestDatabase db = TestDatabases.h2();

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  public Database database() {
    return db.database();
  }
}
