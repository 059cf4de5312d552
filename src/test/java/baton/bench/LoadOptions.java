package baton.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What one load run does; parsed from the command line of {@code bench/load.sh}. Immutable.
 *
 * @param rate customer messages per second the pacer aims for once the ramp is over
 * @param ramp time over which the conversations are opened and the rate climbs to its target; not measured
 * @param duration the measured window after the ramp
 * @param handoffShare share of customer messages that ask for a person instead of asking a question
 * @param turns customer messages per conversation before the customer leaves and a new one arrives
 * @param minThink the least time a customer takes to read a reply before writing again
 * @param agentThink mean time an agent takes to read, then to write, then to close a conversation
 * @param agentCapacity conversations each agent works on at once
 * @param serverPid the server's process id, when known, for its resident set size
 * @param label what the report and the chart call the run's series, e.g. the database
 * @param agentUrl the node agents log in to and open their console sockets on
 * @param customerUrls the nodes customers are spread over, round robin
 * @param repeatTexts customers send the demo questions word for word (the server's per-text vector cache then
 *     spares every embedding once warm) instead of a text never sent before in the run
 */
record LoadOptions(URI url, int customers, int agents, double rate, Duration ramp, Duration duration, double handoffShare,
    int turns, Duration minThink, Duration agentThink, int agentCapacity, Path report, OptionalLong serverPid, long seed, String label,
    URI agentUrl, List<URI> customerUrls, boolean repeatTexts) {

  static final String USAGE = """
      Usage: bench/load.sh [--start h2|postgres] [options]
        --url URL            a running Baton with the demo bot (default http://127.0.0.1:8080); health, admin, /metrics
        --agent-url URL      the node agents log in to and hold their console sockets on (default: --url)
        --customer-urls U,V  the nodes customers talk to, spread round robin (default: --url)
        --customers N        open customer conversations (default 200)
        --agents M           agent consoles, created through the admin API (default 5)
        --rate R             customer messages per second (default 20)
        --duration D         measured window, e.g. 30s, 2m (default 30s)
        --ramp D             opening the conversations and climbing to the rate, not measured (default 10s)
        --handoff-share P    share of messages asking for a person (default 0.05)
        --turns T            messages per conversation before the customer leaves (default 4)
        --min-think D        least time a customer reads before writing again (default 2s)
        --agent-think D      mean time an agent takes per step: claim, reply, resolve (default 2s)
        --agent-capacity C   conversations each agent works on at once (default 10)
        --report FILE        JSON report (default target/load-report.json)
        --server-pid PID     read the server's resident set size from /proc (set by --start)
        --seed S             random seed for the question mix (default 8)
        --label TEXT         the series this run belongs to in reports and charts, e.g. h2 (set by --start)
        --repeat-texts       send the demo questions word for word (default: every text of the run is new: a lead-in,
                             the question and a sign-off or order reference, so the server embeds every message)
      """;

  LoadOptions {
    if (customers < 1 || agents < 1 || rate <= 0 || turns < 1 || agentCapacity < 1) {
      throw new IllegalArgumentException("customers, agents, rate, turns and agent capacity must be positive");
    }
    if (handoffShare < 0 || handoffShare > 1) {
      throw new IllegalArgumentException("--handoff-share is a share between 0 and 1");
    }
    customerUrls = List.copyOf(customerUrls);
    if (customerUrls.isEmpty()) {
      throw new IllegalArgumentException("--customer-urls needs at least one URL");
    }
  }

  static LoadOptions parse(String... args) {
    URI url = URI.create("http://127.0.0.1:8080");
    int customers = 200;
    int agents = 5;
    double rate = 20;
    Duration ramp = Duration.ofSeconds(10);
    Duration duration = Duration.ofSeconds(30);
    double handoffShare = 0.05;
    int turns = 4;
    Duration minThink = Duration.ofSeconds(2);
    Duration agentThink = Duration.ofSeconds(2);
    int agentCapacity = 10;
    Path report = Path.of("target/load-report.json");
    OptionalLong serverPid = OptionalLong.empty();
    long seed = 8;
    String label = "";
    URI agentUrl = null;
    List<URI> customerUrls = List.of();
    boolean repeatTexts = false;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value;
      int equals = name.indexOf('=');
      if (equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException("");
      } else if (name.equals("--repeat-texts")) {
        repeatTexts = true;
        continue;
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      switch (name) {
        case "--url" -> url = node(value);
        case "--agent-url" -> agentUrl = node(value);
        case "--customer-urls" -> customerUrls = Arrays.stream(value.split(",")).map(String::strip).filter(part -> !part.isEmpty())
            .map(LoadOptions::node).toList();
        case "--customers" -> customers = Integer.parseInt(value);
        case "--agents" -> agents = Integer.parseInt(value);
        case "--rate" -> rate = Double.parseDouble(value);
        case "--ramp" -> ramp = duration(value);
        case "--duration" -> duration = duration(value);
        case "--handoff-share" -> handoffShare = Double.parseDouble(value);
        case "--turns" -> turns = Integer.parseInt(value);
        case "--min-think" -> minThink = duration(value);
        case "--agent-think" -> agentThink = duration(value);
        case "--agent-capacity" -> agentCapacity = Integer.parseInt(value);
        case "--report" -> report = Path.of(value);
        case "--server-pid" -> serverPid = OptionalLong.of(Long.parseLong(value));
        case "--seed" -> seed = Long.parseLong(value);
        case "--label" -> label = value;
        case "--repeat-texts" -> repeatTexts = Boolean.parseBoolean(value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return new LoadOptions(url, customers, agents, rate, ramp, duration, handoffShare, turns, minThink, agentThink,
        agentCapacity, report, serverPid, seed, label, agentUrl == null ? url : agentUrl,
        customerUrls.isEmpty() ? List.of(url) : customerUrls, repeatTexts);
  }

  private static URI node(String value) {
    return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  /** 90s, 2m, 500ms, or a bare number of seconds. */
  static Duration duration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
    }
    if (value.endsWith("m")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60_000));
    }
    return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
  }
}
