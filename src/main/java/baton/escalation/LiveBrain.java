package baton.escalation;

import baton.compliance.OutputGuard;
import baton.compliance.SecretScanner;
import baton.knowledge.Article;
import baton.knowledge.FolderSync;
import baton.knowledge.KnowledgeBase;
import baton.knowledge.KnowledgeSync;
import baton.knowledge.MiniLmEmbedder;
import baton.knowledge.SourceStatus;
import baton.knowledge.SourceSync;
import baton.knowledge.SyncReport;
import baton.knowledge.SyncStatuses;
import baton.knowledge.VectorCache;
import baton.knowledge.WebSource;
import baton.knowledge.WebSync;
import baton.routing.Team;
import baton.routing.TeamStore;
import baton.spec.BotSpec;
import baton.spec.BotSpecLoader;
import baton.spec.SpecException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot spec, the knowledge index built from its sources, and the confidence policy fitted for the
 * two, replaced together. Two things replace them: a reload (the spec or a local file changed) and a
 * web sync (a polled site changed). A reload that fails on the spec changes nothing: the running bot
 * keeps answering from the last good brain, and the problems are logged and kept for the admin.
 *
 * <p>Sources keep their state across reloads (content hashes, ETags), keyed by their configuration,
 * so a reload re-reads only changed documents and the vector cache re-embeds only changed passages.
 * A document that fails to parse is reported and left out (or kept at its last good version), never
 * blocking the rest. Readers take the current brain per turn; a replaced index is left to the garbage
 * collector rather than closed, since a turn may still be searching it. Thread-safe: rebuilds are
 * serialised.
 */
public final class LiveBrain {
  private static final Logger log = LoggerFactory.getLogger(LiveBrain.class);

  /**
   * One consistent spec, the index of its knowledge, and the confidence policy fitted for the two; the
   * secret scanner with the spec's custom patterns and the output guard with its safety rules.
   */
  public record Brain(BotSpec spec, KnowledgeBase knowledge, BotPolicy policy, CompiledEscalation escalation, SecretScanner secrets,
      OutputGuard guard) {
    public Brain(BotSpec spec, KnowledgeBase knowledge, BotPolicy policy) {
      this(spec, knowledge, policy, CompiledEscalation.compile(spec, knowledge), new SecretScanner(spec.safety().customPatterns()));
    }

    private Brain(BotSpec spec, KnowledgeBase knowledge, BotPolicy policy, CompiledEscalation escalation, SecretScanner secrets) {
      this(spec, knowledge, policy, escalation, secrets, new OutputGuard(spec.safety().neverAsk(), secrets));
    }
  }

  private final Path specFile;
  private final BotSpecLoader loader;
  private final Consumer<List<Team>> teamsLoaded;
  private final VectorCache vectors;
  private final SyncStatuses statuses;
  private final Clock clock;
  private final Object rebuilding = new Object();
  private final Map<String, SourceSync> sources = new HashMap<>();
  private KnowledgeSync sync;
  /** Entries approved in the learning loop; they come from the database, not from the spec's sources. */
  private List<Article> learned = List.of();
  private final AtomicReference<Brain> current = new AtomicReference<>();
  private final AtomicReference<List<String>> lastProblems = new AtomicReference<>(List.of());

  private LiveBrain(Path specFile, BotSpecLoader loader, Consumer<List<Team>> teamsLoaded, VectorCache vectors,
      SyncStatuses statuses, Clock clock) {
    this.specFile = specFile;
    this.loader = loader;
    this.teamsLoaded = teamsLoaded;
    this.vectors = vectors;
    this.clock = clock;
    this.statuses = statuses;
  }

  /**
   * Loads the spec and its knowledge for the first time.
   *
   * @throws SpecException when the spec is not usable: a server must not start without a good one
   */
  public static LiveBrain load(Path specFile, BotSpecLoader loader, TeamStore teams, VectorCache vectors) {
    Clock clock = Clock.systemUTC();
    return load(specFile, loader, loaded -> loaded.forEach(teams::save), vectors, new SyncStatuses(clock), clock);
  }

  /**
   * @param teamsLoaded receives the spec's teams on every successful load, e.g. to store them
   * @param statuses where sources report their progress; readable while the load runs
   */
  public static LiveBrain load(Path specFile, BotSpecLoader loader, Consumer<List<Team>> teamsLoaded, VectorCache vectors,
      SyncStatuses statuses, Clock clock) {
    return load(specFile, loader, teamsLoaded, vectors, statuses, clock, List.of());
  }

  /** As above, with the learning loop's approved entries in the first index, so start-up builds it once. */
  public static LiveBrain load(Path specFile, BotSpecLoader loader, Consumer<List<Team>> teamsLoaded, VectorCache vectors,
      SyncStatuses statuses, Clock clock, List<Article> learned) {
    var brain = new LiveBrain(specFile, loader, teamsLoaded, vectors, statuses, clock);
    synchronized (brain.rebuilding) {
      brain.learned = List.copyOf(learned);
      List<String> problems = new ArrayList<>();
      brain.current.set(brain.build(true, problems));
      brain.lastProblems.set(List.copyOf(problems));
    }
    return brain;
  }

  /**
   * A brain for tools and tests, without a server: teams go nowhere, vectors come from the JVM's one
   * sentence model with its caches under {@code workDir}.
   */
  public static LiveBrain standalone(Path specFile, Path workDir, SyncStatuses statuses, Clock clock) {
    return load(specFile, new BotSpecLoader(), teams -> { }, new VectorCache(MiniLmEmbedder.shared(workDir)), statuses, clock);
  }

  private Brain build(boolean syncWeb, List<String> problems) {
    BotSpec spec = loader.load(specFile);
    sync = new KnowledgeSync(sourcesFor(spec));
    List<SyncReport> reports = syncWeb ? sync.syncAll() : sync.syncDue();
    reports.forEach(report -> report.errors().forEach(error -> problems.add(error.document() + ": " + error.message())));
    KnowledgeBase knowledge = KnowledgeBase.of(withLearned(sync.articles()), vectors);
    BotPolicy policy = PolicyFit.of(spec, knowledge);
    teamsLoaded.accept(spec.teams());
    if (!problems.isEmpty()) {
      log.warn("knowledge sync problems (the rest is live):\n{}", String.join("\n", problems));
    }
    return new Brain(spec, knowledge, policy);
  }

  /** The spec's sources, reusing the instance (and its hashes) of any source configured as before. */
  private List<SourceSync> sourcesFor(BotSpec spec) {
    Map<String, SourceSync> next = new HashMap<>();
    List<SourceSync> ordered = new ArrayList<>();
    for (Path folder : spec.knowledgeFolders()) {
      String key = "folder:" + folder;
      SourceSync source = sources.containsKey(key) ? sources.get(key) : FolderSync.ofFolder(folder, statuses);
      next.put(key, source);
      ordered.add(source);
    }
    if (!spec.faqFiles().isEmpty()) {
      String key = "faqs:" + spec.faqFiles();
      SourceSync source = sources.containsKey(key) ? sources.get(key) : FolderSync.ofFiles("faqs", spec.faqFiles(), statuses);
      next.put(key, source);
      ordered.add(source);
    }
    for (BotSpec.WebSourceSpec web : spec.webSources()) {
      var config = new WebSource(web.id(), web.urls(), web.sitemaps(), web.include(), web.exclude(), web.pollInterval());
      String key = "web:" + config;
      SourceSync source = sources.containsKey(key) ? sources.get(key) : new WebSync(config, statuses, clock);
      next.put(key, source);
      ordered.add(source);
    }
    sources.clear();
    sources.putAll(next);
    return ordered;
  }

  /** Rebuilds from the files; returns true when the new spec and knowledge are live. */
  public boolean reload() {
    synchronized (rebuilding) {
      try {
        List<String> problems = new ArrayList<>();
        Brain next = build(false, problems);
        current.set(next);
        lastProblems.set(List.copyOf(problems));
        log.info("bot spec and knowledge reloaded articles={} passages={} answerAbove={} clarifyAbove={} fittedOn={}",
            next.knowledge().articles().size(), next.knowledge().passageCount(), next.policy().answerAbove(),
            next.policy().clarifyAbove(), next.policy().fittedOn());
        return true;
      } catch (SpecException e) {
        lastProblems.set(List.copyOf(e.problems()));
        log.warn("bot spec reload refused, the previous spec stays live:\n{}", String.join("\n", e.problems()));
        return false;
      }
    }
  }

  /**
   * Syncs the web sources whose poll interval has passed and, when a page changed, rebuilds the
   * index with the current spec. Returns the reports of the sources synced.
   */
  public List<SyncReport> syncWebSources() {
    synchronized (rebuilding) {
      List<SyncReport> reports = new ArrayList<>();
      for (SourceSync source : sync.sources()) {
        if (source instanceof WebSync web && web.isDue()) {
          reports.add(sync.sync(source));
        }
      }
      if (reports.stream().anyMatch(SyncReport::changedAnything)) {
        Brain before = current.get();
        KnowledgeBase knowledge = KnowledgeBase.of(withLearned(sync.articles()), vectors);
        current.set(new Brain(before.spec(), knowledge, PolicyFit.of(before.spec(), knowledge)));
        log.info("web knowledge synced; articles={} passages={}", knowledge.articles().size(), knowledge.passageCount());
      }
      return reports;
    }
  }

  /**
   * Replaces the learned entries (the learning loop's approved set) and rebuilds the index with the
   * current spec, so an approved entry is answered from by the next turn. Only new texts are embedded.
   */
  public void learn(List<Article> approved) {
    synchronized (rebuilding) {
      learned = List.copyOf(approved);
      Brain before = current.get();
      KnowledgeBase knowledge = KnowledgeBase.of(withLearned(sync.articles()), vectors);
      current.set(new Brain(before.spec(), knowledge, PolicyFit.of(before.spec(), knowledge)));
      log.info("learned knowledge indexed; entries={} passages={}", learned.size(), knowledge.passageCount());
    }
  }

  /** The sources' articles, then the learned ones (whose slugs live under learned/, so none is shadowed). */
  private List<Article> withLearned(List<Article> fromSources) {
    if (learned.isEmpty()) {
      return fromSources;
    }
    List<Article> all = new ArrayList<>(fromSources);
    all.addAll(learned);
    return all;
  }

  /** Whether any source is a website that needs polling. */
  public boolean hasWebSources() {
    return !spec().webSources().isEmpty();
  }

  /** Each source's last sync: documents, errors, and progress while one runs. */
  public List<SourceStatus> sourceStatuses() {
    synchronized (rebuilding) {
      return sync.sources().stream().flatMap(source -> statuses.status(source.sourceId()).stream()).toList();
    }
  }

  /** The live spec and knowledge, as one consistent pair. */
  public Brain current() {
    return current.get();
  }

  public BotSpec spec() {
    return current.get().spec();
  }

  public KnowledgeBase knowledge() {
    return current.get().knowledge();
  }

  /** Problems of the last load or reload attempt; empty when everything was read. */
  public List<String> lastProblems() {
    return lastProblems.get();
  }

  /** The folders whose changes should trigger a reload: the spec's own and its knowledge folders. */
  public List<Path> watchedFolders() {
    List<Path> folders = new ArrayList<>();
    folders.add(specFile.toAbsolutePath().getParent());
    folders.addAll(spec().knowledgeFolders());
    spec().faqFiles().forEach(file -> folders.add(file.getParent()));
    spec().confidence().validationFile().ifPresent(file -> folders.add(file.getParent()));
    return folders;
  }
}
