package baton.platform;

class H2JobLeasesTest extends JobLeasesContract {
  @Override
  protected TestDatabases.TestDatabase openDatabase() {
    return TestDatabases.h2();
  }
}
