package baton.channels;

import baton.platform.Database;
import baton.platform.OnH2;

/** H2 is embedded: the "nodes" are dispatchers in one process, each on its own pool over the same file. */
class H2ConcurrentDispatchTest extends OnH2 implements ConcurrentDispatchContract {
  @Override
  public Database anotherNode() {
    return Database.open(database().settings());
  }
}
