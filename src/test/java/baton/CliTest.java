package baton;

import static org.assertj.core.api.Assertions.assertThat;

import baton.compliance.AuditEvent;
import baton.compliance.JdbiAuditLog;
import baton.platform.Database;
import baton.platform.DatabaseSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Settings come from flags, then BATON_* environment variables, then the --config file, then defaults. */
class CliTest {
  @TempDir Path dir;

  private Cli.ServerOptions parse(Map<String, String> env, Optional<Path> configFile, String... args) {
    CommandLine commandLine = Cli.commandLine(configFile, env::get);
    CommandLine.ParseResult result = commandLine.parseArgs(args);
    return ((Cli.ServeCommand) result.subcommand().commandSpec().userObject()).options;
  }

  @Test
  void flagBeatsEnvironment_whichBeatsConfigFile_whichBeatsDefault() throws IOException {
    Path config = Files.writeString(dir.resolve("baton.properties"), "port=7000\nmax-message-chars=500\ndb-url=jdbc:postgresql://file\n");
    Map<String, String> env = Map.of("BATON_PORT", "7100", "BATON_DB_URL", "jdbc:postgresql://env");

    Cli.ServerOptions options = parse(env, Optional.of(config), "serve", "--spec", "bot.yaml", "--port", "7200");

    assertThat(options.port).isEqualTo(7200);
    assertThat(options.database.dbUrl).isEqualTo("jdbc:postgresql://env");
    assertThat(options.maxMessageChars).isEqualTo(500);
    assertThat(options.host).isEqualTo("0.0.0.0");
    assertThat(options.toSettings(Path.of("bot.yaml")).database().isPostgres()).isTrue();
  }

  @Test
  void withoutDatabaseUrl_theEmbeddedH2FileInTheDataFolderIsUsed() {
    Cli.ServerOptions options = parse(Map.of(), Optional.empty(), "serve", "--spec", "bot.yaml", "--data-dir", dir.toString());

    ServerSettings settings = options.toSettings(Path.of("bot.yaml"));
    assertThat(settings.database().url()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath());
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.maxMessageChars()).isEqualTo(4000);
  }

  @Test
  void specCheck_printsOkForTheDemoSpec_andFileLineProblemsForABrokenOne() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    var out = new java.io.StringWriter();
    var good = Cli.commandLine(Optional.empty(), Map.<String, String>of()::get);
    good.setOut(new java.io.PrintWriter(out));
    assertThat(good.execute("spec", "check", spec.toString())).isZero();
    assertThat(out.toString()).contains("OK").contains("bot Sam").contains("17 article(s)");

    Path broken = Files.writeString(dir.resolve("broken.yaml"), "bot:\n  name: Sam\n  greting: hi\n");
    var err = new java.io.StringWriter();
    var bad = Cli.commandLine(Optional.empty(), Map.<String, String>of()::get);
    bad.setErr(new java.io.PrintWriter(err));
    assertThat(bad.execute("spec", "check", broken.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(broken + ":3:3: unknown key 'greting'");
  }

  @Test
  void securitySettings_comeFromFlagsAndEnvironment_withSafeDefaults() {
    Cli.ServerOptions defaults = parse(Map.of(), Optional.empty(), "serve", "--spec", "bot.yaml");
    ServerSettings standard = defaults.toSettings(Path.of("bot.yaml"));
    assertThat(standard.rateLimits()).isEqualTo(baton.platform.RateLimits.defaults());
    assertThat(standard.sessions()).isEqualTo(baton.agent.SessionLifetime.defaults());

    Cli.ServerOptions options = parse(Map.of("BATON_RATE_LIMIT_CONVERSATION", "5/min", "BATON_TRUST_FORWARDED_FOR", "true"),
        Optional.empty(), "serve", "--spec", "bot.yaml", "--rate-limit-failed-logins", "off", "--session-idle-minutes", "15",
        "--session-hours", "8", "--admin-password", "not-in-logs-please");
    ServerSettings settings = options.toSettings(Path.of("bot.yaml"));

    assertThat(settings.rateLimits().perConversation()).isEqualTo(baton.platform.RateLimit.parse("5/min"));
    assertThat(settings.rateLimits().failedLogins().isOff()).isTrue();
    assertThat(settings.rateLimits().trustForwardedFor()).isTrue();
    assertThat(settings.sessions()).isEqualTo(new baton.agent.SessionLifetime(java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(8)));
    assertThat(settings.toString()).doesNotContain("not-in-logs-please");
  }

  @Test
  void configFile_isFoundFromTheFlagInEitherForm() {
    assertThat(Cli.configFile(new String[] {"serve", "--config", "a.properties"})).contains(Path.of("a.properties"));
    assertThat(Cli.configFile(new String[] {"serve", "--config=b.properties"})).contains(Path.of("b.properties"));
  }

  /** Runs one command line the way {@code main} does, capturing what it prints. */
  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    CommandLine commandLine = Cli.commandLine(Optional.empty(), Map.<String, String>of()::get);
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private void onTheDatabase(java.util.function.Consumer<Database> work) {
    try (Database database = Database.open(DatabaseSettings.embedded(dir))) {
      work.accept(database);
    }
  }

  @Test
  void auditVerify_exitsZeroWhenIntact_andOneNamingTheSeqOnceARowIsEdited() {
    onTheDatabase(database -> {
      var log = new JdbiAuditLog(database.jdbi(), Clock.systemUTC());
      for (int i = 1; i <= 3; i++) {
        log.append(AuditEvent.of("agent:alice", "claim", "conversation:c-" + i, Map.of("team", "billing")));
      }
    });

    Run intact = run("audit", "verify", "--data-dir", dir.toString());
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).contains("intact: 3 entries, head 3:");

    onTheDatabase(database -> database.jdbi().useHandle(handle ->
        handle.execute("update audit_log set details = '{\"team\":\"sales\"}' where seq = 2")));
    Run broken = run("audit", "verify", "--data-dir", dir.toString());

    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err()).contains("broken at seq 2: altered");
  }

  @Test
  void auditHead_printsTheAnchorThatVerifyHeadLaterChecks() {
    onTheDatabase(database -> {
      var log = new JdbiAuditLog(database.jdbi(), Clock.systemUTC());
      log.append(AuditEvent.of("bot", "handoff", "conversation:c-1"));
      log.append(AuditEvent.of("system", "resolve", "conversation:c-1"));
    });
    Run head = run("audit", "head", "--data-dir", dir.toString());
    assertThat(head.exitCode()).isZero();
    String anchor = head.out().strip();
    assertThat(anchor).matches("2:[0-9a-f]{64}");

    onTheDatabase(database -> database.jdbi().useHandle(handle -> {
      String first = handle.createQuery("select hash from audit_log where seq = 1").mapTo(String.class).one();
      handle.execute("delete from audit_log where seq = 2");
      handle.execute("update audit_chain_head set last_seq = 1, last_hash = '" + first + "' where id = 1");
    }));

    assertThat(run("audit", "verify", "--data-dir", dir.toString()).exitCode()).isZero();
    Run anchored = run("audit", "verify", "--data-dir", dir.toString(), "--head", anchor);
    assertThat(anchored.exitCode()).isEqualTo(1);
    assertThat(anchored.err()).contains("broken at seq 2: missing");
  }

  @Test
  void auditExport_writesJsonLinesAfterTheGivenSeqToTheFile() throws IOException {
    onTheDatabase(database -> {
      var log = new JdbiAuditLog(database.jdbi(), Clock.systemUTC());
      for (int i = 1; i <= 3; i++) {
        log.append(AuditEvent.of("bot", "decision", "conversation:c-" + i));
      }
    });
    Path file = dir.resolve("audit.jsonl");

    Run export = run("audit", "export", "--data-dir", dir.toString(), "--after", "1", "--out", file.toString());

    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(line ->
        assertThat(baton.platform.Json.readTree(line).get("hash").asText()).hasSize(64));
    assertThat(Files.readAllLines(file).get(0)).startsWith("{\"seq\":2,");
  }

  @Test
  void auditVerify_withAMalformedHead_exitsTwo() {
    Run run = run("audit", "verify", "--data-dir", dir.toString(), "--head", "not-a-head");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("SEQ:HASH");
  }

  @Test
  void customerExportThenErase_byEmail_writesTheirWords_thenLeavesNothingToExport_andTheAuditLogVerifies() {
    onTheDatabase(database -> {
      var store = new baton.conversation.JdbiConversationStore(database.jdbi(), Clock.systemUTC(),
          new JdbiAuditLog(database.jdbi(), Clock.systemUTC()));
      var conversation = store.start("web", new baton.conversation.CustomerProfile(Optional.of("Ada"), Optional.of("ada@example.com"),
          Optional.empty()), "token");
      store.append(conversation.id(), baton.conversation.NewMessage.fromCustomer("my zebra lamp broke", Optional.empty()));
    });

    Run export = run("customer", "export", "ada@example.com", "--data-dir", dir.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).contains("my zebra lamp broke").contains("baton-customer-export-v1");

    assertThat(run("customer", "erase", "ada@example.com", "--data-dir", dir.toString()).exitCode()).as("needs --yes").isEqualTo(2);
    Run erase = run("customer", "erase", "ada@example.com", "--yes", "--data-dir", dir.toString());
    assertThat(erase.exitCode()).as(erase.err()).isZero();
    assertThat(erase.out()).contains("erased 1 customer record(s)");

    assertThat(run("customer", "export", "ada@example.com", "--data-dir", dir.toString()).exitCode()).isEqualTo(1);
    assertThat(run("audit", "verify", "--data-dir", dir.toString()).exitCode()).isZero();
  }

  @Test
  void retentionPurge_withTheDemoSpec_purgesAndRecordsTheRun_andWithABadPeriod_exitsTwoAtItsLine() throws IOException {
    Path spec = Demo.installFiles(dir.resolve("demo"));
    Run purge = run("retention", "purge", "--spec", spec.toString(), "--data-dir", dir.toString());
    assertThat(purge.exitCode()).as(purge.err()).isZero();
    assertThat(purge.out()).startsWith("purged 0 rows");
    assertThat(run("audit", "verify", "--data-dir", dir.toString()).out()).contains("intact: 1 entries");

    String text = Files.readString(spec);
    Files.writeString(spec, text.replace("transcripts: 365d", "transcripts: a year"));
    long line = text.substring(0, text.indexOf("transcripts: 365d")).lines().count(); // the last, partial line is its own
    Run bad = run("retention", "purge", "--spec", spec.toString(), "--data-dir", dir.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith(spec + ":" + line + ":").contains("retention.transcripts must be a number of days or hours");
  }
}
