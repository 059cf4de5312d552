package baton.platform;

import io.javalin.websocket.WsContext;
import java.util.ArrayDeque;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One open WebSocket with an ordered, bounded outbox. Jetty allows one write in flight per socket, and
 * events arrive from many threads; frames queue here and are written one after another. A client
 * that falls {@value #MAX_QUEUED} frames behind is closed (code 1008) rather than growing memory: it
 * reconnects and catches up from the store. Thread-safe.
 */
public final class LiveSocket {
  static final int MAX_QUEUED = 1000;
  private final WsContext ws;
  private final ArrayDeque<String> outbox = new ArrayDeque<>();
  private boolean writing;
  private boolean closed;

  public LiveSocket(WsContext ws) {
    this.ws = ws;
  }

  public void send(String json) {
    if (EventBus.RESYNC.equals(json)) {
      closeForResync();
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      if (writing) {
        if (outbox.size() >= MAX_QUEUED) {
          closed = true;
          outbox.clear();
          ws.closeSession(1008, "client too slow; reconnect and resume from your last sequence number");
          return;
        }
        outbox.add(json);
        return;
      }
      writing = true;
    }
    write(json);
  }

  private void write(String json) {
    ws.session.sendText(json, Callback.from(this::writeNext, failure -> close()));
  }

  private void writeNext() {
    String next;
    synchronized (this) {
      next = closed ? null : outbox.poll();
      if (next == null) {
        writing = false;
        return;
      }
    }
    write(next);
  }

  /**
   * The bus may have lost events for this socket: close with 1012 (service restart) so the client
   * reconnects, as it does after any drop, and reads from the store what it missed.
   */
  private void closeForResync() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      outbox.clear();
    }
    ws.closeSession(1012, "live events were interrupted; reconnect and resume from your last sequence number");
  }

  /** True once closed, by the client, by a failed write, or for being too slow. */
  public synchronized boolean isClosed() {
    return closed;
  }

  public synchronized void close() {
    closed = true;
    outbox.clear();
  }
}
