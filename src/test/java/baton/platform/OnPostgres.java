package baton.platform;

import org.junit.jupiter.api.AfterEach;

/**
 * Base of store contract tests that run on a fresh Postgres database per test. Opened at construction,
 * so the contract's own {@code @BeforeEach} methods already see it.
 */
public abstract class OnPostgres {
  private final TestDatabases.TestDatabase db = TestDatabases.postgres();

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  public Database database() {
    return db.database();
  }
}
