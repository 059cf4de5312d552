// The agent live socket (/api/agent/live) with reconnect and exponential backoff (0.5 s → 10 s).

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const STABLE_AFTER_MS = 5_000;

export class LiveConnection {
  /**
   * @param {object} handlers
   * @param {(event: object) => void} handlers.onEvent   every JSON frame from the server
   * @param {(status: string, retryInMs?: number) => void} handlers.onStatus  connecting | live | reconnecting | offline
   * @param {() => void} handlers.onOpen      after every successful (re)connect
   * @param {(code: number) => void} handlers.onRejected  the server closed with 4401/4403
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.socket = null;
    this.running = false;
    this.delay = MIN_DELAY_MS;
    this.timer = null;
    this.openedAt = 0;
    this.onOnline = () => {
      if (this.running && !this.socket) this.connectNow();
    };
  }

  static url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/api/agent/live`;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.delay = MIN_DELAY_MS;
    window.addEventListener('online', this.onOnline);
    this.connectNow();
  }

  stop() {
    this.running = false;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    this.timer = null;
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(1000, 'logout');
      } catch {
        // already closed
      }
    }
  }

  /** Connected right now? */
  get isLive() {
    return !!this.socket && this.socket.readyState === WebSocket.OPEN;
  }

  connectNow() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    this.handlers.onStatus(this.openedAt ? 'reconnecting' : 'connecting');
    let socket;
    try {
      socket = new WebSocket(LiveConnection.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.openedAt = Date.now();
      this.handlers.onStatus('live');
      this.handlers.onOpen();
    };
    socket.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (event && typeof event === 'object') this.handlers.onEvent(event);
    };
    socket.onerror = () => {
      // onclose follows and does the work
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.running) return;
      if (this.openedAt && Date.now() - this.openedAt >= STABLE_AFTER_MS) this.delay = MIN_DELAY_MS;
      if (close.code === 4401 || close.code === 4403) this.handlers.onRejected(close.code);
      if (this.running) this.scheduleReconnect();
    };
  }

  scheduleReconnect() {
    if (!this.running) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    this.handlers.onStatus(navigator.onLine === false ? 'offline' : 'reconnecting', wait);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connectNow(), wait);
  }
}
