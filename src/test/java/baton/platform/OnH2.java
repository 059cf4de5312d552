package baton.platform;

import org.junit.jupiter.api.AfterEach;

/**
 * Base of store contract tests that run on a fresh H2 database per test. Opened at construction,
 * so the contract's own {@code @BeforeEach} methods already see it.
 */
public abstract class OnH2 {
  private final TestDatabases.TestDatabase db = TestDatabases.h2();

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  public Database database() {
    return db.database();
  }
}
