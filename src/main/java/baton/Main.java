package baton;

import baton.analytics.Analytics;
import baton.analytics.AnalyticsMetrics;
import baton.analytics.AnalyticsRoutes;
import baton.analytics.JdbiAnalyticsStore;
import baton.analytics.RatingRecords;
import baton.agent.AgentAdminRoutes;
import baton.compliance.AuditLog;
import baton.compliance.SecretKind;
import baton.compliance.SecretMasks;
import baton.compliance.SecretScanner;
import baton.signals.SensitiveDataDetector;
import baton.compliance.JdbiAuditLog;
import baton.agent.CustomerDataRoutes;
import baton.channels.WebhookRecords;
import baton.compliance.CustomerPseudonyms;
import baton.compliance.DataRights;
import baton.compliance.PersonalData;
import baton.compliance.RetentionPolicy;
import baton.compliance.RetentionPurge;
import baton.conversation.CustomerRecords;
import java.util.concurrent.ScheduledExecutorService;
import baton.agent.AgentRole;
import baton.agent.AgentRoutes;
import baton.agent.AgentStore;
import baton.agent.AutoAssigner;
import baton.agent.CannedReplies;
import baton.agent.JdbiAgentStore;
import baton.agent.KnowledgeAdmin;
import baton.agent.KnowledgeSuggestionRoutes;
import baton.agent.LearnedKnowledgeData;
import baton.conversation.ReusableAnswers;
import baton.agent.Passwords;
import baton.conversation.ConversationEvents;
import baton.channels.EmailHandoffs;
import baton.channels.EmailReplies;
import baton.channels.EmailReplyPoller;
import baton.channels.InboundEmail;
import baton.channels.TicketWebhooks;
import baton.channels.WebhookDispatcher;
import baton.channels.WebhookEndpoint;
import baton.channels.WebhookOutbox;
import baton.conversation.ConversationService;
import baton.conversation.HandoffListener;
import baton.conversation.StoredQueueWaits;
import baton.routing.WaitEstimator;
import baton.conversation.JdbiConversationStore;
import baton.escalation.LiveBrain;
import baton.escalation.SupportBot;
import baton.knowledge.JdbiLearnedKnowledge;
import baton.knowledge.KnowledgeRoutes;
import baton.knowledge.LearningLoop;
import baton.knowledge.MiniLmEmbedder;
import baton.knowledge.SourceStatus;
import baton.knowledge.SyncStatuses;
import baton.knowledge.VectorCache;
import baton.platform.CpuSlots;
import baton.platform.Database;
import baton.platform.EventBus;
import baton.platform.FileWatcher;
import baton.platform.InProcessEventBus;
import baton.platform.ClusterIdentity;
import baton.platform.JobLeases;
import baton.platform.RedisEventBus;
import baton.platform.OperationsRoutes;
import baton.platform.SecureTokens;
import baton.platform.WebServer;
import baton.routing.JdbiTeamStore;
import baton.routing.Team;
import baton.routing.TeamStore;
import baton.signals.FrustrationDetector;
import baton.signals.HumanRequestDetector;
import baton.signals.SentimentScorer;
import baton.spec.BotSpec;
import baton.spec.BotSpecLoader;
import baton.spec.SpecException;
import baton.tickets.JdbiTicketStore;
import baton.tickets.TicketIntake;
import baton.tickets.TicketRoutes;
import baton.tickets.TicketStore;
import baton.widget.CustomerRoutes;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The composition root: builds every part with {@code new} and starts the server. Nothing else. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  /** Held so the level sticks: Lucene warns on stderr that the incubating Vector API is not enabled. */
  private static final java.util.logging.Logger LUCENE_VECTORS =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.commandLine(args).execute(args));
  }

  /** Starts a server; {@code demo} also creates the demo agents. Used by the CLI and by tests. */
  public static Baton start(ServerSettings settings, boolean demo) {
    return start(settings, demo, Clock.systemUTC());
  }

  /** As {@link #start(ServerSettings, boolean)} on a given clock, so tests can move time (assignment limits). */
  public static Baton start(ServerSettings settings, boolean demo, Clock clock) {
    long started = System.nanoTime();
    LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
    var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);

    Database database = Database.open(settings.database(), meters);
    log.debug("startup: database migrated after {} ms", (System.nanoTime() - started) / 1_000_000);
    try {
      TeamStore teams = new JdbiTeamStore(database.jdbi(), clock);
      var vectors = new VectorCache(MiniLmEmbedder.shared(settings.dataDir().resolve("tmp")));
      var syncStatuses = new SyncStatuses(clock);
      // What agents taught the bot (approved in the learning loop) is in the database: indexed with the sources.
      var learned = new JdbiLearnedKnowledge(database.jdbi(), clock);
      LiveBrain brain = LiveBrain.load(settings.specFile(), new BotSpecLoader(), loaded -> loaded.forEach(teams::save),
          vectors, syncStatuses, clock, LearningLoop.approvedArticles(learned));
      BotSpec spec = brain.spec();
      log.debug("startup: spec loaded and knowledge indexed after {} ms", (System.nanoTime() - started) / 1_000_000);
      AuditLog audit = new JdbiAuditLog(database.jdbi(), clock);
      var learning = new LearningLoop(learned, brain::learn);
      var conversationStore = new JdbiConversationStore(database.jdbi(), clock, audit);
      // Data rights: each feature that stores customer data answers for its own tables.
      var customerRecords = new CustomerRecords();
      List<PersonalData> personalData = List.of(new RatingRecords(), customerRecords, new WebhookRecords(), new LearnedKnowledgeData());
      var rights = new DataRights(database.jdbi(), customerRecords, personalData, audit,
          CustomerPseudonyms.keptIn(database.jdbi(), clock), clock);
      var purge = new RetentionPurge(database.jdbi(), personalData, audit, () -> retentionPolicy(brain.spec().retention()), clock);
      // Jobs that must run once per cluster take a lease in the database (docs/deploy.md).
      var leases = new JobLeases(database.jdbi(), clock, nodeName());
      ScheduledExecutorService retention = scheduleRetention(purge, settings.retentionPurgeInterval(),
          () -> safely(() -> leases.tryHold("retention-purge", settings.retentionPurgeInterval().multipliedBy(3))));
      var sentiment = SentimentScorer.withVaderLexicon();
      // The scanner in force carries the spec's custom patterns; a spec reload replaces it with the brain.
      java.util.function.Supplier<SecretScanner> secrets = () -> brain.current().secrets();
      // Messages are redacted before the bot reads them, so it learns of a secret from its mask.
      SensitiveDataDetector secretsShared = text -> {
        java.util.Set<SecretKind> kinds = java.util.EnumSet.noneOf(SecretKind.class);
        secrets.get().kindsIn(text).stream().filter(SecretKind::isSecret).forEach(kinds::add);
        kinds.addAll(SecretMasks.in(text));
        return kinds.stream().map(SecretKind::label).toList();
      };
      var bot = new SupportBot(brain::current, new HumanRequestDetector(), new FrustrationDetector(sentiment),
          secretsShared, clock, new StoredQueueWaits(conversationStore, new WaitEstimator(), teams, clock));
      EventBus bus = settings.redisUrl().<EventBus>map(url -> {
        String cluster = ClusterIdentity.of(database.jdbi());
        log.info("live events shared through Redis at {}:{} with the nodes of cluster {}", url.getHost(), url.getPort(), cluster);
        return RedisEventBus.connect(url, "baton:" + cluster + ":");
      }).orElseGet(InProcessEventBus::new);
      var tokens = new SecureTokens();
      Optional<EmailHandoffs> mail = settings.mail().map(mailSettings -> new EmailHandoffs(mailSettings, meters));
      if (mail.isEmpty()) {
        log.info("no SMTP server set (--smtp-host): email-tier handoffs stay in the console queue");
      }
      // Helpdesk webhooks: tiers name an endpoint the server settings define (secrets stay out of the spec).
      var outbox = new WebhookOutbox(database.jdbi(), clock);
      var dispatcher = new WebhookDispatcher(outbox, settings.webhooks(), clock, meters);
      Map<String, WebhookEndpoint> endpointsByTier = new LinkedHashMap<>();
      for (var tier : spec.escalation().tiers()) {
        tier.webhook().ifPresent(name -> settings.webhooks().stream().filter(endpoint -> endpoint.name().equals(name)).findFirst()
            .ifPresentOrElse(endpoint -> endpointsByTier.put(tier.id(), endpoint),
                () -> log.warn("tier {} names webhook '{}' but no --webhook {}=URL is set; its handoffs stay in the console", tier.id(),
                    name, name)));
      }
      List<HandoffListener> listeners = new java.util.ArrayList<>();
      mail.ifPresent(listeners::add);
      listeners.add(new TicketWebhooks(endpointsByTier, outbox, dispatcher, clock));
      TicketStore tickets = new JdbiTicketStore(database.jdbi(), clock, audit);
      listeners.add(new TicketIntake(conversationStore, tickets));
      var conversations = new ConversationService(conversationStore, teams, bot,
          new ConversationEvents(bus), tokens, meters, settings.maxMessageChars(), listeners, clock, secrets);
      dispatcher.start();
      // A reusable resolution proposes a knowledge entry; the resolve's state event says when (after commit).
      var reusableAnswers = new ReusableAnswers(conversations, learning, secrets);
      bus.subscribe(ConversationEvents.AGENTS_TOPIC, event -> proposeWhenResolved(event, reusableAnswers));
      AgentStore agents = new JdbiAgentStore(database.jdbi(), clock);
      var passwords = new Passwords();
      if (demo) {
        Demo.seedAgents(agents, passwords);
      }
      createAdmin(settings, agents, passwords, spec);
      log.debug("startup: agents ready after {} ms", (System.nanoTime() - started) / 1_000_000);
      CannedReplies canned = () -> brain.spec().cannedReplies().stream()
          .map(reply -> new CannedReplies.Reply(reply.id(), reply.title(), reply.text())).toList();
      var agentRoutes = new AgentRoutes(agents, passwords, tokens, conversations, bus, clock, meters, new LiveBrainAdmin(brain), canned, audit,
          settings.sessions(), settings.rateLimits(),
          tierId -> brain.spec().escalation().tiers().stream().filter(tier -> tier.id().equals(tierId)).findFirst().map(tier -> tier.name()));
      var autoAssigner = new AutoAssigner(agents, teams, conversations, bus, clock, Duration.ofSeconds(2), agentRoutes::connectedAgents);
      var analytics = new Analytics(new JdbiAnalyticsStore(database.jdbi()), clock, CpuSlots.leavingOneCoreFree());
      new AnalyticsMetrics(analytics, meters);
      var customerRoutes = new CustomerRoutes(conversations, bus, meters, settings.rateLimits(), clock);
      WebServer web = WebServer.start(settings.host(), settings.port(), meters, List.of(
          new OperationsRoutes(database, meters),
          customerRoutes,
          agentRoutes,
          new AgentAdminRoutes(agents, teams, passwords, conversations, audit),
          new KnowledgeSuggestionRoutes(learning, audit),
          new CustomerDataRoutes(rights, purge),
          new TicketRoutes(tickets, conversations, clock),
          new KnowledgeRoutes(brain::knowledge),
          new AnalyticsRoutes(analytics, conversations)));
      // Edits to the spec or an article go live without a restart; a broken edit keeps the old brain.
      var watcher = new FileWatcher(brain.watchedFolders(), Duration.ofMillis(300), () -> reloadAudited(brain, audit, settings));
      // Websites are polled; each source's own interval decides whether a tick fetches anything.
      var webPolling = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("web-sync").factory());
      webPolling.scheduleWithFixedDelay(() -> {
        try {
          brain.syncWebSources();
        } catch (RuntimeException e) {
          log.warn("web knowledge sync failed; the current knowledge stays live", e);
        }
      }, 30, 30, TimeUnit.SECONDS);
      Optional<EmailReplyPoller> replies = settings.imap().map(imap -> new EmailReplyPoller(imap,
          new EmailReplies(new ConversationReplies(conversations, agents, brain), meters, settings.maxMessageChars()), meters, clock));
      // One node of a cluster reads the mailbox at a time; the lease outlives two missed polls.
      Duration mailboxLease = settings.imap().map(imap -> imap.pollInterval().multipliedBy(3)).orElse(Duration.ZERO);
      replies.ifPresent(poller -> poller.start(() -> safely(() -> leases.tryHold("imap-poll", mailboxLease))));
      log.info("baton started port={} database={} articles={} passages={} startMs={}", web.port(),
          settings.database().describe(), brain.knowledge().articles().size(), brain.knowledge().passageCount(),
          (System.nanoTime() - started) / 1_000_000);
      java.util.function.IntSupplier openSockets = () -> customerRoutes.openSockets() + agentRoutes.openSockets();
      return new Baton(web, openSockets, watcher, webPolling, closingAll(() -> stopRetention(retention), autoAssigner,
          replies.<AutoCloseable>map(poller -> poller).orElse(() -> { }), dispatcher, mail.<AutoCloseable>map(sender -> sender).orElse(() -> { })), bus, brain, database, conversations);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** A name for this node in job leases: the host, plus a random part when several nodes share a host. */
  private static String nodeName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "node";
    }
    return host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** A lease check that cannot reach the database skips this run rather than killing the job's thread. */
  private static boolean safely(java.util.function.BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      log.warn("cannot check the job lease; skipping this run: {}", e.toString());
      return false;
    }
  }

  /**
   * Purges expired data every {@code interval} on a virtual thread (the work is waiting on the database),
   * the first time one interval after start so a restart loop cannot hammer the database; zero: never.
   */
  private static ScheduledExecutorService scheduleRetention(RetentionPurge purge, Duration interval,
      java.util.function.BooleanSupplier ourTurn) {
    var executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("retention-purge").factory());
    if (!interval.isZero()) {
      executor.scheduleWithFixedDelay(() -> {
        try {
          if (!ourTurn.getAsBoolean()) {
            return; // another node of the cluster holds the purge
          }
          RetentionPurge.Report report = purge.run("system");
          log.info("retention purge deleted {} rows: {}", report.total(), report.deleted());
        } catch (RuntimeException e) {
          log.warn("retention purge failed; it runs again in the next interval", e);
        }
      }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return executor;
  }

  /** Stops the schedule and lets a purge in progress finish, so it does not run on into a closed database. */
  private static void stopRetention(ScheduledExecutorService retention) throws InterruptedException {
    retention.shutdownNow();
    if (!retention.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn("a retention purge is still running at shutdown; its transaction will roll back");
    }
  }

  /** The spec's retention periods as the compliance feature takes them. */
  static RetentionPolicy retentionPolicy(BotSpec.Retention retention) {
    return new RetentionPolicy(retention.transcripts(), retention.packets(), retention.decisions(), retention.webhookDeliveries(),
        retention.audit());
  }

  /** Reloads the brain; a spec or knowledge change that went live is an audited admin change, with the spec's hash. */
  private static void reloadAudited(LiveBrain brain, AuditLog audit, ServerSettings settings) {
    if (brain.reload()) {
      try {
        String hash = SecureTokens.hash(java.nio.file.Files.readString(settings.specFile()));
        audit.append(baton.compliance.AuditEvent.of("system", "spec_changed", "spec:" + settings.specFile().getFileName(),
            Map.of("sha256", hash, "articles", brain.knowledge().articles().size())));
      } catch (java.io.IOException | RuntimeException e) {
        log.error("the new spec is live but its audit entry could not be written", e);
      }
    }
  }

  /** A resolved conversation may propose a knowledge entry; a failure here never affects the resolve, already committed. */
  private static void proposeWhenResolved(String event, ReusableAnswers reusableAnswers) {
    try {
      var json = baton.platform.Json.readTree(event);
      if (json.path("type").asText().equals("state") && json.path("state").asText().equals("RESOLVED")) {
        baton.conversation.ConversationId.parse(json.path("conversationId").asText()).ifPresent(reusableAnswers::consider);
      }
    } catch (RuntimeException e) {
      log.error("a reusable answer could not be proposed as knowledge", e);
    }
  }

  /** The first admin comes from BATON_ADMIN_EMAIL/PASSWORD; an existing account is never overwritten. */
  private static void createAdmin(ServerSettings settings, AgentStore agents, Passwords passwords, BotSpec spec) {
    if (settings.adminEmail().isEmpty() || settings.adminPassword().isEmpty()) {
      if (agents.count() == 0) {
        log.warn("no agents exist yet: set BATON_ADMIN_EMAIL and BATON_ADMIN_PASSWORD to create the first admin");
      }
      return;
    }
    String email = settings.adminEmail().get();
    if (agents.findByEmail(email).isEmpty()) {
      agents.save(email, "Admin", AgentRole.ADMIN, passwords.hash(settings.adminPassword().get()),
          spec.teams().stream().map(Team::id).toList());
      log.info("created the first admin account");
    }
  }

  /** Closes each in turn, so one failure does not keep the others open. */
  private static AutoCloseable closingAll(AutoCloseable... parts) {
    return () -> {
      for (AutoCloseable part : parts) {
        part.close();
      }
    };
  }

  /**
   * Where email replies go: the conversation their reference names; the customer's mail as the
   * customer's message, a mail from an agent or the team inbox as the team's reply.
   */
  private record ConversationReplies(ConversationService conversations, AgentStore agents, LiveBrain brain)
      implements EmailReplies.ReplySink {
    @Override
    public Optional<EmailReplies.EmailThread> findByReference(String reference) {
      String hex = reference.toLowerCase(java.util.Locale.ROOT).replaceFirst("^btn-", "");
      return conversations.findByReference(hex).map(conversation -> new EmailReplies.EmailThread(conversation.id(),
          conversations.customer(conversation.id()).flatMap(customer -> customer.email()),
          conversations.latestHandoff(conversation.id()).flatMap(handoff -> handoff.tierId())
              .flatMap(tier -> brain.spec().escalation().tiers().stream().filter(known -> known.id().equals(tier)).findFirst())
              .flatMap(tier -> tier.email())));
    }

    @Override
    public boolean isAgentAddress(String address) {
      return agents.findByEmail(address).isPresent();
    }

    @Override
    public void customerWrote(baton.conversation.ConversationId id, String text, InboundEmail email) {
      conversations.find(id).ifPresent(conversation ->
          conversations.postFromCustomer(conversation, text, Optional.of(email.deduplicationKey())));
    }

    @Override
    public void agentWrote(baton.conversation.ConversationId id, String text, InboundEmail email) {
      String name = agents.findByEmail(email.fromAddress()).map(agent -> agent.name())
          .orElseGet(() -> conversations.find(id).flatMap(conversation -> conversation.teamId()).flatMap(conversations::team)
              .map(team -> team.name() + " team").orElse("Support team"));
      conversations.postFromTeamEmail(id, name + " (email)", text, Optional.of(email.deduplicationKey()));
    }
  }

  /** The console's view of the live brain's knowledge sources. */
  private record LiveBrainAdmin(LiveBrain brain) implements KnowledgeAdmin {
    @Override
    public Map<String, Object> status() {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("sources", brain.sourceStatuses().stream().map(LiveBrainAdmin::describe).toList());
      status.put("articles", brain.knowledge().articles().size());
      status.put("passages", brain.knowledge().passageCount());
      status.put("answerAbove", brain.current().policy().answerAbove());
      status.put("clarifyAbove", brain.current().policy().clarifyAbove());
      status.put("boundsFittedOn", brain.current().policy().fittedOn());
      status.put("problems", brain.lastProblems());
      return status;
    }

    @Override
    public Map<String, Object> syncNow() {
      brain.reload();
      brain.syncWebSources();
      return status();
    }

    @Override
    public List<String> problems() {
      return brain.lastProblems();
    }

    private static Map<String, Object> describe(SourceStatus source) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", source.sourceId());
      out.put("kind", source.kind());
      out.put("lastStarted", source.lastStarted().map(Object::toString).orElse(null));
      out.put("lastFinished", source.lastFinished().map(Object::toString).orElse(null));
      out.put("documents", source.documents());
      out.put("errors", source.errors());
      out.put("running", source.running());
      out.put("done", source.done());
      out.put("total", source.total());
      return out;
    }
  }

  static int reportSpecProblems(SpecException e) {
    e.problems().forEach(System.err::println);
    return 2;
  }
}
