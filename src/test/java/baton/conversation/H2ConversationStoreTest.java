package baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import baton.platform.OnH2;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class H2ConversationStoreTest extends OnH2 implements ConversationStoreContract {

  @Test
  void waitEstimateQueries_readOnlyTheirWindow_notTheTeamsWholeHistory() {
    teams("support");
    longHandoffHistory(aConversation(), 3_000);

    for (String query : new String[] {JdbiConversationStore.RECENT_HANDLE_TIMES, JdbiConversationStore.RECENT_PICKUP_TIMES}) {
      String plan = database().jdbi().withHandle(handle -> handle.createQuery("explain analyze " + query)
          .bind("team", "support").bind("window", 50).bind("now", Instant.now()).mapTo(String.class).one());
      // H2 once chose the foreign-key index on team_id here and read all 3,300 rows on every handoff.
      assertThat(plan).as(plan).contains("index sorted").containsPattern("scanCount: ([0-9]|[1-9][0-9])\\b");
    }
  }
}
