// Talks to the Baton server: starts or resumes the conversation, posts messages with a clientId
// (so a retry after a network error is never stored twice) and keeps a WebSocket open, resuming
// from the last sequence number seen so nothing is lost or duplicated across reconnects.

const MAX_BACKOFF_MS = 10000;

export class ChatConnection {
  constructor(serverBase, handlers) {
    this.base = serverBase;
    this.handlers = handlers;
    this.storageKey = `baton.conversation.${serverBase.origin}`;
    this.conversation = this.load();
    this.socket = null;
    this.backoff = 500;
    this.reconnectTimer = null;
    this.starting = null;
    this.outbox = new Map(); // clientId -> { text, callbacks }
    this.lastTypingSent = 0;
    window.addEventListener('online', () => { this.reconnectNow(); this.flushOutbox(); });
  }

  load() {
    try {
      const stored = JSON.parse(localStorage.getItem(this.storageKey) || 'null');
      // A new page shows an empty transcript, so its first socket reads from the start; lastSeq
      // then tracks what this page has seen, for reconnects.
      return stored && stored.id && stored.token ? { id: stored.id, token: stored.token, lastSeq: 0 } : null;
    } catch {
      return null;
    }
  }

  save() {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.conversation));
    } catch {
      // private mode: the conversation lasts as long as the page
    }
  }

  hasStoredConversation() {
    return this.conversation !== null;
  }

  url(path) {
    return new URL(path, this.base).href;
  }

  async ensureStarted() {
    if (this.socket || this.reconnectTimer) return;
    if (!this.starting) {
      this.starting = this.startOrResume().finally(() => { this.starting = null; });
    }
    return this.starting;
  }

  async startOrResume() {
    if (this.conversation) {
      const check = await fetch(this.url(`api/conversations/${this.conversation.id}`), {
        headers: { Authorization: `Bearer ${this.conversation.token}` },
      }).catch(() => null);
      if (check && (check.status === 401 || check.status === 404)) {
        this.conversation = null;
      }
    }
    if (!this.conversation) {
      const response = await fetch(this.url('api/conversations'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: 'web' }),
      });
      if (!response.ok) throw new Error(`could not start a conversation (${response.status})`);
      const started = await response.json();
      this.conversation = { id: started.id, token: started.token, lastSeq: 0 };
      this.save();
    }
    this.connect();
  }

  connect() {
    const { id, token, lastSeq } = this.conversation;
    const wsUrl = new URL(`api/conversations/${id}/live`, this.base);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.searchParams.set('token', token);
    wsUrl.searchParams.set('after', String(lastSeq || 0));
    const socket = new WebSocket(wsUrl.href);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.backoff = 500;
      this.handlers.onStatus('online');
      this.flushOutbox();
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === 4401 || event.code === 4404) {
        // The conversation is gone or the token no longer fits: start a fresh one next time.
        this.conversation = null;
        localStorage.removeItem(this.storageKey);
        this.handlers.onStatus('ended');
        return;
      }
      this.scheduleReconnect();
    });
  }

  receive(data) {
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      return;
    }
    if (event.type === 'message') {
      this.remember(event.message);
      this.handlers.onMessage(event.message);
    } else if (event.type === 'state') {
      this.handlers.onState(event);
    } else if (event.type === 'typing') {
      this.handlers.onTyping(event);
    }
  }

  remember(message) {
    if (this.conversation && message.seq > (this.conversation.lastSeq || 0)) {
      this.conversation.lastSeq = message.seq;
      this.save();
    }
  }

  scheduleReconnect() {
    this.handlers.onStatus('reconnecting');
    const delay = this.backoff / 2 + Math.random() * this.backoff / 2;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.startOrResume().catch(() => this.scheduleReconnect());
    }, delay);
  }

  reconnectNow() {
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this.backoff = 500;
      this.startOrResume().catch(() => this.scheduleReconnect());
    }
  }

  async send(text, callbacks) {
    const clientId = (crypto.randomUUID && crypto.randomUUID()) || `c-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    callbacks.pending(clientId);
    this.outbox.set(clientId, { text, callbacks });
    try {
      await this.ensureStarted();
    } catch {
      callbacks.waiting(clientId);
      return;
    }
    await this.post(clientId);
  }

  async post(clientId) {
    const item = this.outbox.get(clientId);
    if (!item || item.inFlight || !this.conversation) return;
    item.inFlight = true;
    try {
      const response = await fetch(this.url(`api/conversations/${this.conversation.id}/messages`), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.conversation.token}` },
        body: JSON.stringify({ text: item.text, clientId }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        this.outbox.delete(clientId);
        this.remember(body.message);
        body.replies.forEach((reply) => this.remember(reply));
        item.callbacks.sent(clientId, body);
      } else if (response.status >= 500) {
        item.callbacks.waiting(clientId);
      } else if (response.status === 429) {
        // Rate limited: nothing was stored; keep the message and send it again (same clientId) after the wait.
        item.callbacks.waiting(clientId);
        const seconds = Number(response.headers.get('Retry-After')) || 5;
        setTimeout(() => this.post(clientId), Math.min(seconds, 300) * 1000);
      } else {
        this.outbox.delete(clientId);
        item.callbacks.failed(clientId, body.error?.message || `Could not send (${response.status}).`);
      }
    } catch {
      item.callbacks.waiting(clientId); // network error: kept, retried with the same clientId
    } finally {
      item.inFlight = false;
    }
  }

  // The customer's one-click rating of this chat ('good' or 'bad'); true when it was kept.
  async rate(rating) {
    if (!this.conversation) return false;
    const response = await fetch(this.url(`api/conversations/${this.conversation.id}/rating`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.conversation.token}` },
      body: JSON.stringify({ rating }),
    }).catch(() => null);
    return Boolean(response && response.ok);
  }

  flushOutbox() {
    for (const clientId of this.outbox.keys()) {
      this.post(clientId);
    }
  }

  typing() {
    const now = Date.now();
    if (this.socket && this.socket.readyState === WebSocket.OPEN && now - this.lastTypingSent > 3000) {
      this.lastTypingSent = now;
      this.socket.send(JSON.stringify({ type: 'typing' }));
    }
  }
}
