package baton.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a listener once after each burst of changes in some folders (not their subfolders). Editors
 * save in several steps (temp file, rename, touch), so the listener runs only after the folders have
 * been quiet for {@code quiet}; a failing listener is logged and watching goes on. One daemon thread.
 */
public final class FileWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);
  private final WatchService watcher;
  private final Thread thread;

  public FileWatcher(List<Path> folders, Duration quiet, Runnable onChange) {
    try {
      watcher = FileSystems.getDefault().newWatchService();
      Set<Path> unique = new LinkedHashSet<>();
      folders.forEach(folder -> unique.add(folder.toAbsolutePath().normalize()));
      for (Path folder : unique) {
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + folders, e);
    }
    thread = Thread.ofPlatform().daemon().name("baton-file-watcher").start(() -> run(quiet, onChange));
  }

  private void run(Duration quiet, Runnable onChange) {
    boolean dirty = false;
    try {
      while (true) {
        WatchKey key = dirty ? watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS) : watcher.take();
        if (key == null) {
          dirty = false;
          try {
            onChange.run();
          } catch (RuntimeException e) {
            log.warn("reacting to a file change failed", e);
          }
          continue;
        }
        if (!key.pollEvents().isEmpty()) {
          dirty = true;
        }
        key.reset();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: stop watching
    }
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread.interrupt();
  }
}
