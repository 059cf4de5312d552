package baton.channels;

import baton.platform.Database;
import baton.platform.OnPostgres;

class PostgresConcurrentDispatchTest extends OnPostgres implements ConcurrentDispatchContract {
  @Override
  public Database anotherNode() {
    return Database.open(database().settings());
  }
}
