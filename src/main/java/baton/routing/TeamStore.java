package baton.routing;

import java.util.List;
import java.util.Optional;

/** Teams, read on every queue view and handoff; implementations are thread-safe. */
public interface TeamStore {
  /** Inserts the team or updates its name and promise; agents and queues keep pointing at it. */
  void save(Team team);

  Optional<Team> find(String id);

  List<Team> all();
}
