package baton.routing;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.Database;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** What every {@link TeamStore} must do, run against each real database. */
interface TeamStoreContract {
  Database database();

  default TeamStore store() {
    return new JdbiTeamStore(database().jdbi(), Clock.systemUTC());
  }

  @Test
  default void save_insertsThenUpdates_andAllListsByIdOrder() {
    store().save(new Team("support", "Support", 5));
    store().save(new Team("billing", "Billing", 10));
    store().save(new Team("support", "Customer Care", 3));

    assertThat(store().find("support")).contains(new Team("support", "Customer Care", 3));
    assertThat(store().all()).extracting(Team::id).containsExactly("billing", "support");
    assertThat(store().find("sales")).isEmpty();
  }
}
