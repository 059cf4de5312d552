package baton;

import baton.platform.DatabaseSettings;
import baton.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code baton} command line. Every setting can come from a flag, an environment variable
 * ({@code BATON_} + the flag name in upper case, e.g. {@code --db-url} → {@code BATON_DB_URL}) or a
 * properties file given with {@code --config} (key = the flag name without dashes, e.g.
 * {@code db-url=...}). A flag beats the environment, which beats the file, which beats the default.
 */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "Baton 0.1.0",
    description = "Self-hosted customer-support chat: a bot that answers safely and hands off to humans.",
    subcommands = {Cli.ServeCommand.class, Cli.DemoCommand.class, Cli.SpecCommand.class, EvalCommand.class, ReplayCommand.class, KnowledgeCommand.class, AuditCommand.class, ConversationsCommand.class,
        CustomerCommand.class, RetentionCommand.class,
        CommandLine.HelpCommand.class})
final class Cli {
  private Cli() {}

  static CommandLine commandLine(String[] args) {
    return commandLine(configFile(args), System::getenv);
  }

  static CommandLine commandLine(Optional<Path> configFile, java.util.function.UnaryOperator<String> environment) {
    var commandLine = new CommandLine(new Cli());
    commandLine.setDefaultValueProvider(new Defaults(configFile, environment));
    return commandLine;
  }

  static Optional<Path> configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Optional.of(Path.of(args[i + 1]));
      }
      if (args[i].startsWith("--config=")) {
        return Optional.of(Path.of(args[i].substring("--config=".length())));
      }
    }
    return Optional.ofNullable(System.getenv("BATON_CONFIG")).map(Path::of);
  }

  /** Environment first, then the config file; picocli falls back to the annotation default. */
  static final class Defaults implements CommandLine.IDefaultValueProvider {
    private final Properties file = new Properties();
    private final java.util.function.UnaryOperator<String> environment;

    Defaults(Optional<Path> configFile, java.util.function.UnaryOperator<String> environment) {
      this.environment = environment;
      configFile.ifPresent(path -> {
        try (InputStream in = Files.newInputStream(path)) {
          file.load(in);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read config file " + path, e);
        }
      });
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
      if (!(argSpec instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
        return null;
      }
      String key = option.longestName().substring(2);
      String env = environment.apply("BATON_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
      return env != null ? env : file.getProperty(key);
    }
  }

  /**
   * Where the database is, shared by every command that opens it (the server and {@code baton audit}),
   * so they read the same flags, environment and config file and can only ever open the same database.
   */
  static final class DatabaseOptions {
    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file with settings (keys are flag names, e.g. port=9090). Env: BATON_CONFIG.")
    Path config;

    @Option(names = "--data-dir", defaultValue = "data",
        description = "Folder for the embedded database and demo files. Env: BATON_DATA_DIR. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--db-url", description = "JDBC URL of PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/baton."
        + " Unset: embedded H2 file database in the data folder. Env: BATON_DB_URL.")
    String dbUrl;

    @Option(names = "--db-user", description = "Database user. Env: BATON_DB_USER.")
    String dbUser;

    @Option(names = "--db-password", description = "Database password. Env: BATON_DB_PASSWORD.")
    String dbPassword;

    @Option(names = "--db-pool-size", defaultValue = "10", description = "Database connections. Env: BATON_DB_POOL_SIZE. Default: ${DEFAULT-VALUE}.")
    int dbPoolSize;

    DatabaseSettings toSettings() {
      return dbUrl == null || dbUrl.isBlank()
          ? DatabaseSettings.embedded(dataDir)
          : new DatabaseSettings(dbUrl, dbUser, dbPassword, dbPoolSize, Optional.empty());
    }
  }

  static final class ServerOptions {
    @Mixin DatabaseOptions database;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to listen on. Env: BATON_HOST. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0 picks a free one). Env: BATON_PORT. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--max-message-chars", defaultValue = "4000",
        description = "Longest message accepted, in characters (max 100000). Env: BATON_MAX_MESSAGE_CHARS. Default: ${DEFAULT-VALUE}.")
    int maxMessageChars;

    @Option(names = "--admin-email", description = "Creates this admin on first start if missing. Env: BATON_ADMIN_EMAIL.")
    String adminEmail;

    @Option(names = "--admin-password", description = "Password of that admin (8-72 bytes). Env: BATON_ADMIN_PASSWORD.")
    String adminPassword;

    @Option(names = "--smtp-host", description = "SMTP server for email handoffs; unset: email tiers stay in the console queue."
        + " Env: BATON_SMTP_HOST.")
    String smtpHost;

    @Option(names = "--smtp-port", defaultValue = "587", description = "SMTP port. Env: BATON_SMTP_PORT. Default: ${DEFAULT-VALUE}.")
    int smtpPort;

    @Option(names = "--smtp-from", defaultValue = "baton@localhost",
        description = "Sender address of handoff emails. Env: BATON_SMTP_FROM. Default: ${DEFAULT-VALUE}.")
    String smtpFrom;

    @Option(names = "--smtp-user", description = "SMTP user, if the server needs one. Env: BATON_SMTP_USER.")
    String smtpUser;

    @Option(names = "--smtp-password", description = "SMTP password. Env: BATON_SMTP_PASSWORD.")
    String smtpPassword;

    @Option(names = "--smtp-starttls", defaultValue = "true", description = "Upgrade to TLS when offered. Env: BATON_SMTP_STARTTLS."
        + " Default: ${DEFAULT-VALUE}.")
    boolean smtpStartTls;

    @Option(names = "--webhook", paramLabel = "NAME=URL", description = "A helpdesk endpoint that tiers with 'webhook: NAME' send"
        + " handoffs to, signed with --webhook-secret NAME=SECRET. Repeatable.")
    java.util.Map<String, String> webhooks = new java.util.LinkedHashMap<>();

    @Option(names = "--webhook-secret", paramLabel = "NAME=SECRET", description = "The HMAC-SHA256 secret of each --webhook endpoint."
        + " Repeatable.")
    java.util.Map<String, String> webhookSecrets = new java.util.LinkedHashMap<>();

    @Option(names = "--redis-url", description = "Redis for live events between nodes, e.g. redis://127.0.0.1:6379; nodes on the"
        + " same database must share it. Unset: events stay on this node. Env: BATON_REDIS_URL.")
    String redisUrl;

    @Option(names = "--imap-host", description = "IMAP mailbox where email replies arrive (the team inbox); unset: replies are"
        + " not read. Env: BATON_IMAP_HOST. See docs/email.md.")
    String imapHost;

    @Option(names = "--imap-port", defaultValue = "993", description = "IMAP port. Env: BATON_IMAP_PORT. Default: ${DEFAULT-VALUE}.")
    int imapPort;

    @Option(names = "--imap-ssl", defaultValue = "true", description = "IMAP over TLS. Env: BATON_IMAP_SSL. Default: ${DEFAULT-VALUE}.")
    boolean imapSsl;

    @Option(names = "--imap-user", description = "IMAP user. Env: BATON_IMAP_USER.")
    String imapUser;

    @Option(names = "--imap-password", description = "IMAP password. Env: BATON_IMAP_PASSWORD.")
    String imapPassword;

    @Option(names = "--imap-folder", defaultValue = "INBOX", description = "Folder to read. Env: BATON_IMAP_FOLDER. Default: ${DEFAULT-VALUE}.")
    String imapFolder;

    @Option(names = "--imap-poll-seconds", defaultValue = "60", description = "Seconds between mailbox checks. Env:"
        + " BATON_IMAP_POLL_SECONDS. Default: ${DEFAULT-VALUE}.")
    int imapPollSeconds;

    @Option(names = "--retention-purge-minutes", defaultValue = "60", description = "Minutes between retention purges (what the"
        + " spec's retention section says has expired is deleted); 0 turns the schedule off. Env: BATON_RETENTION_PURGE_MINUTES."
        + " Default: ${DEFAULT-VALUE}.")
    int retentionPurgeMinutes;
    @Option(names = "--rate-limit-address", defaultValue = "300/min", description = "Customer API requests and socket upgrades per"
        + " client address (e.g. 300/min, 5/s, off). Env: BATON_RATE_LIMIT_ADDRESS. Default: ${DEFAULT-VALUE}.")
    String rateLimitAddress;

    @Option(names = "--rate-limit-starts", defaultValue = "60/h", description = "New conversations per client address."
        + " Env: BATON_RATE_LIMIT_STARTS. Default: ${DEFAULT-VALUE}.")
    String rateLimitStarts;

    @Option(names = "--rate-limit-conversation", defaultValue = "20/min", description = "Customer messages per conversation."
        + " Env: BATON_RATE_LIMIT_CONVERSATION. Default: ${DEFAULT-VALUE}.")
    String rateLimitConversation;

    @Option(names = "--rate-limit-socket-frames", defaultValue = "120/min", description = "Frames a customer's live socket may send."
        + " Env: BATON_RATE_LIMIT_SOCKET_FRAMES. Default: ${DEFAULT-VALUE}.")
    String rateLimitSocketFrames;

    @Option(names = "--rate-limit-failed-logins", defaultValue = "20/h", description = "Failed agent logins per client address and"
        + " email. Env: BATON_RATE_LIMIT_FAILED_LOGINS. Default: ${DEFAULT-VALUE}.")
    String rateLimitFailedLogins;

    @Option(names = "--rate-limit-logins", defaultValue = "60/min", description = "Agent login attempts per client address."
        + " Env: BATON_RATE_LIMIT_LOGINS. Default: ${DEFAULT-VALUE}.")
    String rateLimitLogins;

    @Option(names = "--trust-forwarded-for", defaultValue = "false", description = "Take the client address from the last"
        + " X-Forwarded-For entry; only behind a reverse proxy that sets it. Env: BATON_TRUST_FORWARDED_FOR. Default: ${DEFAULT-VALUE}.")
    boolean trustForwardedFor;

    @Option(names = "--session-idle-minutes", defaultValue = "60", description = "An agent session ends after this long without a"
        + " request. Env: BATON_SESSION_IDLE_MINUTES. Default: ${DEFAULT-VALUE}.")
    int sessionIdleMinutes;

    @Option(names = "--session-hours", defaultValue = "12", description = "An agent session ends this long after login in any case."
        + " Env: BATON_SESSION_HOURS. Default: ${DEFAULT-VALUE}.")
    int sessionHours;

    baton.platform.RateLimits rateLimits() {
      return new baton.platform.RateLimits(baton.platform.RateLimit.parse(rateLimitAddress), baton.platform.RateLimit.parse(rateLimitStarts),
          baton.platform.RateLimit.parse(rateLimitConversation), baton.platform.RateLimit.parse(rateLimitSocketFrames),
          baton.platform.RateLimit.parse(rateLimitFailedLogins), baton.platform.RateLimit.parse(rateLimitLogins),
          baton.platform.RateLimits.DEFAULT_MAX_KEYS, trustForwardedFor);
    }

    ServerSettings toSettings(Path specFile) {
      DatabaseSettings databaseSettings = database.toSettings();
      Optional<baton.channels.MailSettings> mail = smtpHost == null || smtpHost.isBlank() ? Optional.empty()
          : Optional.of(new baton.channels.MailSettings(smtpHost, smtpPort, smtpFrom, Optional.ofNullable(smtpUser).filter(s -> !s.isBlank()),
              Optional.ofNullable(smtpPassword).filter(s -> !s.isBlank()), smtpStartTls));
      var endpoints = new java.util.ArrayList<baton.channels.WebhookEndpoint>();
      webhooks.forEach((name, url) -> {
        String secret = webhookSecrets.get(name);
        if (secret == null || secret.length() < 16) {
          throw new IllegalArgumentException("--webhook " + name + " needs --webhook-secret " + name + "=SECRET (at least 16 characters)");
        }
        endpoints.add(baton.channels.WebhookEndpoint.of(name, java.net.URI.create(url), secret));
      });
      Optional<baton.channels.ImapSettings> imap = imapHost == null || imapHost.isBlank() ? Optional.empty()
          : Optional.of(new baton.channels.ImapSettings(imapHost, imapPort, imapSsl, imapUser == null ? "" : imapUser,
              imapPassword == null ? "" : imapPassword, imapFolder, java.time.Duration.ofSeconds(Math.max(1, imapPollSeconds))));
      return new ServerSettings(host, port, database.dataDir, databaseSettings, specFile, maxMessageChars,
          Optional.ofNullable(adminEmail).filter(s -> !s.isBlank()),
          Optional.ofNullable(adminPassword).filter(s -> !s.isBlank()), mail, endpoints, imap,
          Optional.ofNullable(redisUrl).filter(s -> !s.isBlank()).map(java.net.URI::create),
          java.time.Duration.ofMinutes(retentionPurgeMinutes), rateLimits(),
          new baton.agent.SessionLifetime(java.time.Duration.ofMinutes(sessionIdleMinutes), java.time.Duration.ofHours(sessionHours)));
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run Baton with your bot spec.")
  static final class ServeCommand implements Callable<Integer> {
    @Mixin ServerOptions options;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The bot spec YAML file. Env: BATON_SPEC.")
    Path spec;

    @Override
    public Integer call() {
      return runUntilStopped(options, spec, false);
    }
  }

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Run Baton with the Kestrel Outfitters demo bot, help articles and demo agents.")
  static final class DemoCommand implements Callable<Integer> {
    @Mixin ServerOptions options;

    @Override
    public Integer call() {
      Path spec = Demo.installFiles(options.database.dataDir.resolve("demo"));
      return runUntilStopped(options, spec, true);
    }
  }

  @Command(name = "spec", description = "Work with bot spec files.", subcommands = {Cli.SpecCheckCommand.class},
      mixinStandardHelpOptions = true)
  static final class SpecCommand {}

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate a bot spec and its knowledge folders offline; exit 0 when usable, 2 with file:line:column problems.")
  static final class SpecCheckCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "The bot spec YAML file.")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      try {
        var spec = new baton.spec.BotSpecLoader().load(file);
        // Offline: folders and FAQ files are read; websites are checked by `baton knowledge sync`.
        var statuses = new baton.knowledge.SyncStatuses(java.time.Clock.systemUTC());
        List<baton.knowledge.SourceSync> sources = new java.util.ArrayList<>();
        spec.knowledgeFolders().forEach(folder -> sources.add(baton.knowledge.FolderSync.ofFolder(folder, statuses)));
        if (!spec.faqFiles().isEmpty()) {
          sources.add(baton.knowledge.FolderSync.ofFiles("faqs", spec.faqFiles(), statuses));
        }
        var sync = new baton.knowledge.KnowledgeSync(sources);
        List<String> problems = sync.syncAll().stream().flatMap(report -> report.errors().stream())
            .map(error -> error.document() + ": " + error.message()).toList();
        problems.forEach(command.commandLine().getErr()::println);
        long passages = sync.articles().stream().mapToLong(article -> article.passages().size()).sum();
        command.commandLine().getOut().printf("%s: %s — bot %s, %d team(s), %d article(s) in %d section(s), %d web source(s) not fetched%n",
            file, problems.isEmpty() ? "OK" : problems.size() + " document problem(s)", spec.botName(), spec.teams().size(),
            sync.articles().size(), passages, spec.webSources().size());
        if (!problems.isEmpty()) {
          return 2;
        }
        return 0;
      } catch (SpecException e) {
        e.problems().forEach(command.commandLine().getErr()::println);
        return 2;
      }
    }
  }

  private static int runUntilStopped(ServerOptions options, Path spec, boolean demo) {
    long started = System.nanoTime();
    Baton server;
    try {
      Files.createDirectories(options.database.dataDir);
      server = Main.start(options.toSettings(spec), demo);
    } catch (SpecException e) {
      return Main.reportSpecProblems(e);
    } catch (IOException e) {
      System.err.println("cannot create the data folder " + options.database.dataDir + ": " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      // A taken port or a database locked by another Baton: say so in one line, not a stack trace.
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      System.err.println("Baton could not start: " + cause.getMessage());
      return 1;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "baton-shutdown"));
    String base = "http://localhost:" + server.port();
    var out = System.out;
    out.printf("%nBaton is running (started in %d ms).%n", (System.nanoTime() - started) / 1_000_000);
    if (demo) {
      out.printf("  Demo shop with the chat widget:  %s/%n", base);
    }
    out.printf("  Agent console:                   %s/console/%n", base);
    if (demo) {
      for (Demo.DemoAgent agent : Demo.AGENTS) {
        out.printf("  Demo agent login:                %s / %s  (teams: %s)%n", agent.email(), agent.password(),
            String.join(", ", agent.teams()));
      }
    }
    out.printf("  Help articles:                   %s/kb%n", base);
    out.printf("  Health, metrics, API:            %s/health  %s/metrics  %s/api/openapi.json%n", base, base, base);
    out.println("Press Ctrl+C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
