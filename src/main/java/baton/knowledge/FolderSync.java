package baton.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Keeps the articles of a folder of documents (Markdown, HTML, plain text), or of a list of FAQ
 * files, in step with the disk, re-parsing only what changed.
 *
 * <p>State: per document file, the SHA-256 of its bytes and the article parsed from them. A sync
 * lists the files again and hashes each; an equal hash keeps the stored article as it is (the same
 * object), a new or different hash parses the file, and a stored file that is gone is dropped.
 * Invariants: a file that cannot be read or parsed is reported and keeps its last good article (if it
 * had one) and its old hash, so it is retried on every sync until it is fixed, and it never affects
 * the other files. When the folder itself cannot be listed, nothing is dropped. Two files with one
 * slug ({@code shipping.md}, {@code shipping.html}): the one that already held the slug keeps it,
 * else the first by name, and the other is reported.
 *
 * <p>Thread-safe: syncs run one at a time; {@link #articles()} reads the last finished sync's
 * immutable snapshot without waiting.
 */
public final class FolderSync implements SourceSync {
  private record Stored(ContentHash hash, Article article) {}

  private final String sourceId;
  private final String kind;
  private final Lister lister;
  private final DocumentParser parser;
  private final SyncStatuses statuses;
  private final Object syncing = new Object();
  private volatile Map<String, Stored> stored = Map.of();

  /** Lists the files of the source; throws when the source cannot be listed at all. */
  @FunctionalInterface
  interface Lister {
    List<Path> files() throws IOException;
  }

  FolderSync(String sourceId, String kind, Lister lister, DocumentParser parser, SyncStatuses statuses) {
    this.sourceId = sourceId;
    this.kind = kind;
    this.lister = lister;
    this.parser = parser;
    this.statuses = statuses;
    statuses.register(sourceId, kind);
  }

  /** The {@code .md}, {@code .html}, {@code .htm} and {@code .txt} files directly in {@code folder}. */
  public static FolderSync ofFolder(Path folder, SyncStatuses statuses) {
    return ofFolder(folder, DocumentParser.byExtension(), statuses);
  }

  static FolderSync ofFolder(Path folder, DocumentParser parser, SyncStatuses statuses) {
    return new FolderSync(folder.toString(), "folder", () -> documentsIn(folder), parser, statuses);
  }

  /** Individual files, such as FAQ files (.yaml, .yml, .json, .csv); a missing one is reported. */
  public static FolderSync ofFiles(String sourceId, List<Path> files, SyncStatuses statuses) {
    List<Path> copy = List.copyOf(files);
    return new FolderSync(sourceId, "files", () -> copy, DocumentParser.byExtension(), statuses);
  }

  private static List<Path> documentsIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith(".")) // editors' lock and swap files
          .filter(file -> ExtensionParser.DOCUMENT_EXTENSIONS.contains(ExtensionParser.extension(file)))
          .sorted()
          .toList();
    }
  }

  @Override
  public String sourceId() {
    return sourceId;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public List<Article> articles() {
    return stored.values().stream().map(Stored::article).toList();
  }

  @Override
  public SyncReport sync() {
    synchronized (syncing) {
      statuses.started(sourceId, kind, 0);
      Map<String, Stored> before = stored;
      List<SyncError> errors = new ArrayList<>();
      List<Path> files;
      try {
        files = lister.files();
      } catch (IOException | RuntimeException e) {
        errors.add(new SyncError(sourceId, "cannot list the documents: " + describe(e)));
        return finish(before, before, List.of(), List.of(), List.of(), List.of(), errors);
      }
      statuses.progress(sourceId, 0, files.size());
      Map<String, Path> owners = slugOwners(files, before);
      Map<String, Stored> after = new TreeMap<>();
      List<String> added = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      List<String> unchanged = new ArrayList<>();
      int done = 0;
      for (Path file : files) {
        String key = file.toString();
        String slug = slug(file);
        Stored old = before.get(key);
        if (!owners.get(slug).equals(file)) {
          errors.add(new SyncError(file.getFileName().toString(),
              "skipped: slug '" + slug + "' is already used by " + owners.get(slug).getFileName()));
        } else {
          try {
            byte[] content = Files.readAllBytes(file);
            ContentHash hash = ContentHash.of(content);
            if (old != null && old.hash().equals(hash)) {
              after.put(key, old);
              unchanged.add(slug);
            } else {
              after.put(key, new Stored(hash, parser.parse(file, slug, content)));
              (old == null ? added : changed).add(slug);
            }
          } catch (IOException | RuntimeException e) {
            errors.add(new SyncError(file.getFileName().toString(), describe(e)));
            if (old != null) {
              after.put(key, old);
            }
          }
        }
        statuses.progress(sourceId, ++done, files.size());
      }
      List<String> deleted = new ArrayList<>();
      before.forEach((key, old) -> {
        if (!after.containsKey(key)) {
          deleted.add(old.article().slug());
        }
      });
      return finish(after, before, added, changed, deleted, unchanged, errors);
    }
  }

  private SyncReport finish(Map<String, Stored> after, Map<String, Stored> before, List<String> added,
      List<String> changed, List<String> deleted, List<String> unchanged, List<SyncError> errors) {
    if (after != before) {
      stored = Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }
    statuses.finished(sourceId, stored.size(), errors);
    return new SyncReport(sourceId, added, changed, deleted, unchanged, errors, articles());
  }

  /** Which file gets each slug: the file that held it before, else the first by name. */
  private static Map<String, Path> slugOwners(List<Path> files, Map<String, Stored> before) {
    Map<String, Path> owners = new HashMap<>();
    for (Path file : files) {
      if (before.containsKey(file.toString())) {
        owners.putIfAbsent(slug(file), file);
      }
    }
    for (Path file : files) {
      owners.putIfAbsent(slug(file), file);
    }
    return owners;
  }

  private static String slug(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
