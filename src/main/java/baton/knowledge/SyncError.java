package baton.knowledge;

import static java.util.Objects.requireNonNull;

/** One document a sync could not use, and why; {@code document} is a file name or a URL. */
public record SyncError(String document, String message) {
  public SyncError {
    requireNonNull(document, "document");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return document + ": " + message;
  }
}
