package baton.escalation;

import baton.knowledge.FaqFiles;
import baton.knowledge.KnowledgeBase;
import baton.knowledge.VectorCache;
import baton.routing.TeamStore;
import baton.spec.BotSpec;
import baton.spec.BotSpecLoader;
import baton.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot spec and the knowledge index built from its folders, replaced together on reload. A reload
 * that fails (a broken spec, an unreadable folder) changes nothing: the running bot keeps answering
 * from the last good pair, and the problems are logged and kept for the admin to read.
 *
 * <p>Readers take the current pair per turn; a replaced index is left to the garbage collector rather
 * than closed, since a turn may still be searching it. Thread-safe.
 */
public final class LiveBrain {
  private static final Logger log = LoggerFactory.getLogger(LiveBrain.class);

  /** One consistent spec, the index of its knowledge, and the confidence policy fitted for the two. */
  public record Brain(BotSpec spec, KnowledgeBase knowledge, BotPolicy policy) {}

  private final Path specFile;
  private final BotSpecLoader loader;
  private final TeamStore teams;
  private final VectorCache vectors;
  private final AtomicReference<Brain> current = new AtomicReference<>();
  private final AtomicReference<List<String>> lastProblems = new AtomicReference<>(List.of());

  private LiveBrain(Path specFile, BotSpecLoader loader, TeamStore teams, VectorCache vectors) {
    this.specFile = specFile;
    this.loader = loader;
    this.teams = teams;
    this.vectors = vectors;
  }

  /**
   * Loads the spec and its knowledge for the first time.
   *
   * @throws SpecException when the spec is not usable: a server must not start without a good one
   */
  public static LiveBrain load(Path specFile, BotSpecLoader loader, TeamStore teams, VectorCache vectors) {
    var brain = new LiveBrain(specFile, loader, teams, vectors);
    brain.current.set(brain.build());
    return brain;
  }

  private Brain build() {
    BotSpec spec = loader.load(specFile);
    KnowledgeBase knowledge;
    try {
      knowledge = KnowledgeBase.fromSources(spec.knowledgeFolders(), spec.faqFiles(), vectors);
    } catch (FaqFiles.FaqFileException e) {
      throw new SpecException(List.of(e.getMessage()));
    } catch (RuntimeException e) {
      throw new SpecException(List.of(specFile + ":1:1: cannot read the knowledge folders: " + e.getMessage()));
    }
    BotPolicy policy = PolicyFit.of(spec, knowledge);
    spec.teams().forEach(teams::save);
    return new Brain(spec, knowledge, policy);
  }

  /** Rebuilds from the files; returns true when the new spec and knowledge are live. */
  public boolean reload() {
    try {
      Brain next = build();
      current.set(next);
      lastProblems.set(List.of());
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

  /** Problems of the last reload attempt; empty when it succeeded. */
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
