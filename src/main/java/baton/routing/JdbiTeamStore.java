package baton.routing;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link TeamStore} over SQL shared by H2 and PostgreSQL. Thread-safe. */
public final class JdbiTeamStore implements TeamStore {
  private final Jdbi jdbi;
  private final Clock clock;

  public JdbiTeamStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public void save(Team team) {
    jdbi.useTransaction(handle -> {
      int updated = handle.createUpdate("update teams set name = :name, typical_reply_minutes = :minutes, assignment = :assignment,"
              + " hours = :hours where id = :id")
          .bind("id", team.id()).bind("name", team.name()).bind("minutes", team.typicalReplyMinutes())
          .bind("assignment", team.assignment().wireName()).bind("hours", team.hours().map(BusinessHours::toText).orElse(null))
          .execute();
      if (updated == 0) {
        handle.createUpdate("insert into teams (id, name, typical_reply_minutes, assignment, hours, created_at)"
                + " values (:id, :name, :minutes, :assignment, :hours, :now)")
            .bind("id", team.id()).bind("name", team.name()).bind("minutes", team.typicalReplyMinutes())
            .bind("assignment", team.assignment().wireName()).bind("hours", team.hours().map(BusinessHours::toText).orElse(null))
            .bind("now", clock.instant())
            .execute();
      }
    });
  }

  @Override
  public Optional<Team> find(String id) {
    return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from teams where id = :id")
        .bind("id", id)
        .map((rs, ctx) -> team(rs))
        .findOne());
  }

  @Override
  public List<Team> all() {
    return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from teams order by id")
        .map((rs, ctx) -> team(rs))
        .list());
  }

  private static final String COLUMNS = "id, name, typical_reply_minutes, assignment, hours";

  private static Team team(java.sql.ResultSet rs) throws java.sql.SQLException {
    String hours = rs.getString("hours");
    return new Team(rs.getString("id"), rs.getString("name"), rs.getInt("typical_reply_minutes"),
        Team.Assignment.fromWire(rs.getString("assignment")), Optional.ofNullable(hours).map(BusinessHours::parse));
  }
}
