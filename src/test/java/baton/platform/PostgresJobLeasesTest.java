package baton.platform;

class PostgresJobLeasesTest extends JobLeasesContract {
  @Override
  protected TestDatabases.TestDatabase openDatabase() {
    return TestDatabases.postgres();
  }
}
