package baton.platform;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The id of the cluster a node belongs to: all nodes on one database share it. Read from the
 * database rather than configured, so two nodes can never disagree about it by a typo, and two
 * clusters sharing one Redis server never see each other's events.
 */
public final class ClusterIdentity {
  private ClusterIdentity() {}

  /** The stored id, created by whichever node asks first (a racing second insert is ignored). */
  public static String of(Jdbi jdbi) {
    return jdbi.withHandle(handle -> {
      var existing = handle.createQuery("select id from cluster_identity where singleton = 1").mapTo(String.class).findOne();
      if (existing.isPresent()) {
        return existing.get();
      }
      try {
        handle.createUpdate("insert into cluster_identity (singleton, id) values (1, :id)")
            .bind("id", UUID.randomUUID().toString().substring(0, 12)).execute();
      } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException raced) {
        // Another node created it between our read and insert (autocommit); its id is the cluster's.
      }
      return handle.createQuery("select id from cluster_identity where singleton = 1").mapTo(String.class).one();
    });
  }
}
