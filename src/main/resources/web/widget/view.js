// The widget's DOM: a launcher bubble and a dialog with the transcript, a status line and an input.
// Every message is placed by its sequence number and shown once, however often it arrives.

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

// A speech bubble drawn as SVG: emoji fonts are missing on many systems.
function chatIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'baton-launcher-icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}

const STATUS_TEXT = {
  online: '',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline. Messages will be sent when the connection is back.',
  ended: 'This conversation has ended. Write again to start a new one.',
};

export class ChatView {
  constructor(settings) {
    this.settings = settings;
    this.seen = new Map(); // seq -> element
    this.pending = new Map(); // clientId -> element
    this.typingTimer = null;
    this.stateText = '';
    this.connectionText = '';
    this.onOpen = () => {};
    this.onSend = () => {};
    this.onTyping = () => {};
    this.onRate = async () => false;
    this.build();
  }

  build() {
    this.root = element('div', { id: 'baton-widget', class: 'baton-root' });
    this.root.style.setProperty('--baton-accent', this.settings.accent);

    this.launcher = element('button', {
      type: 'button', class: 'baton-launcher', 'data-baton': 'launcher',
      'aria-expanded': 'false', 'aria-controls': 'baton-panel', 'aria-label': `Open chat: ${this.settings.title}`,
    });
    this.launcher.appendChild(chatIcon());
    this.launcher.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));

    this.panel = element('section', {
      id: 'baton-panel', class: 'baton-panel', role: 'dialog', 'aria-label': this.settings.title,
      'data-baton': 'panel', hidden: '',
    });
    const header = element('header', { class: 'baton-header' });
    header.appendChild(element('h2', { class: 'baton-title' }, this.settings.title));
    const close = element('button', { type: 'button', class: 'baton-close', 'aria-label': 'Close chat' }, '×');
    close.addEventListener('click', () => this.close());
    header.appendChild(close);

    this.list = element('ol', {
      class: 'baton-messages', 'data-baton': 'messages', role: 'log', 'aria-live': 'polite',
      'aria-label': 'Conversation', tabindex: '0',
    });
    this.status = element('p', { class: 'baton-status', 'data-baton': 'status', 'aria-live': 'polite' });
    this.typingLine = element('p', { class: 'baton-typing', 'aria-live': 'polite' });

    const form = element('form', { class: 'baton-form' });
    const label = element('label', { for: 'baton-input', class: 'baton-visually-hidden' }, 'Your message');
    this.input = element('textarea', {
      id: 'baton-input', class: 'baton-input', 'data-baton': 'input', rows: '2',
      placeholder: 'Type your message…', autocomplete: 'off',
    });
    this.error = element('p', { class: 'baton-error', 'data-baton': 'error', role: 'alert' });
    const send = element('button', { type: 'submit', class: 'baton-send', 'data-baton': 'send' }, 'Send');
    form.append(label, this.input, send);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.onTyping());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.close();
      }
    });

    this.rating = this.ratingBar();
    this.panel.append(header, this.list, this.typingLine, this.status, this.rating, this.error, form);
    this.root.append(this.panel, this.launcher);
  }

  // An optional one-click rating, offered once the bot has answered from an article or people have
  // resolved the chat; hidden again once given.
  ratingBar() {
    const bar = element('div', { class: 'baton-rating', 'data-baton': 'rating', hidden: '' });
    const question = element('span', { class: 'baton-rating-question' }, 'Was this chat helpful?');
    bar.appendChild(question);
    for (const [rating, label] of [['good', 'Yes'], ['bad', 'No']]) {
      const button = element('button', { type: 'button', class: 'baton-rating-button', 'data-rating': rating }, label);
      button.addEventListener('click', async () => {
        if (await this.onRate(rating)) {
          bar.replaceChildren(element('span', { class: 'baton-rating-question', 'data-baton': 'rated' }, 'Thank you for your feedback.'));
        }
      });
      bar.appendChild(button);
    }
    return bar;
  }

  offerRating() {
    if (this.rating.hidden && !this.rating.querySelector('[data-baton="rated"]')) this.rating.hidden = false;
  }

  isOpen() {
    return !this.panel.hidden;
  }

  open() {
    this.panel.hidden = false;
    this.root.classList.add('baton-is-open');
    this.launcher.setAttribute('aria-expanded', 'true');
    this.onOpen();
    this.input.focus();
    this.scrollToEnd();
  }

  close() {
    this.panel.hidden = true;
    this.root.classList.remove('baton-is-open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  submit() {
    const text = this.input.value.trim();
    if (!text) return;
    this.error.textContent = '';
    this.input.value = '';
    this.onSend(text);
  }

  messageElement(message) {
    const item = element('li', { class: `baton-message baton-from-${message.author}`, 'data-baton': 'message', 'data-author': message.author });
    if (message.author === 'agent' && message.authorName) {
      item.appendChild(element('span', { class: 'baton-author' }, message.authorName));
    }
    item.appendChild(element('span', { class: 'baton-text', 'data-baton': 'text' }, message.text));
    for (const citation of message.citations || []) {
      const source = element('span', { class: 'baton-source' }, 'Source: ');
      const link = element('a', { 'data-baton': 'citation', target: '_blank', rel: 'noopener' }, citation.title);
      link.href = new URL(citation.url, this.settingsBase()).href;
      source.appendChild(link);
      item.appendChild(source);
    }
    return item;
  }

  settingsBase() {
    return new URL('..', import.meta.url);
  }

  showMessage(message) {
    if (!message || this.seen.has(message.seq)) return;
    const item = this.messageElement(message);
    item.setAttribute('data-seq', String(message.seq));
    this.seen.set(message.seq, item);
    // Insert in sequence order: live events and the backlog can interleave after a reconnect.
    let before = null;
    for (const [seq, node] of this.seen) {
      if (seq > message.seq && (!before || seq < Number(before.dataset.seq))) before = node;
    }
    this.list.insertBefore(item, before && before.parentNode === this.list ? before : this.firstPending());
    if (message.author === 'agent') this.typingLine.textContent = '';
    // One citation is an answer; a clarifying question lists its options as several.
    if (message.author === 'bot' && (message.citations || []).length === 1) this.offerRating();
    this.scrollToEnd();
  }

  firstPending() {
    const first = this.pending.values().next();
    return first.done ? null : first.value;
  }

  showPending(clientId, text) {
    const item = this.messageElement({ author: 'customer', text, citations: [] });
    item.classList.add('baton-pending');
    item.setAttribute('data-pending', 'sending');
    this.pending.set(clientId, item);
    this.list.appendChild(item);
    this.scrollToEnd();
  }

  confirmPending(clientId, message) {
    const item = this.pending.get(clientId);
    this.pending.delete(clientId);
    if (item) item.remove();
    this.showMessage(message);
  }

  markRetrying(clientId) {
    const item = this.pending.get(clientId);
    if (item) item.setAttribute('data-pending', 'retrying');
    this.showStatus('offline');
  }

  failPending(clientId, text, error) {
    const item = this.pending.get(clientId);
    this.pending.delete(clientId);
    if (item) item.remove();
    this.input.value = text; // nothing typed is lost
    this.error.textContent = error;
  }

  showState(event) {
    const team = event.team?.name ? `the ${event.team.name} team` : 'a person';
    const texts = {
      BOT: '',
      QUEUED: `Waiting for ${team}…`,
      WITH_AGENT: `${event.agent?.name || 'An agent'} joined the conversation`,
      RESOLVED: 'Conversation resolved — write again anytime',
    };
    this.stateText = texts[event.state] ?? '';
    if (event.state === 'RESOLVED') this.offerRating();
    this.renderStatus();
  }

  showStatus(status) {
    this.connectionText = STATUS_TEXT[status] ?? '';
    this.renderStatus();
  }

  renderStatus() {
    this.status.textContent = this.connectionText || this.stateText;
  }

  showTyping(event) {
    if (event.author !== 'agent') return;
    this.typingLine.textContent = `${event.name || 'The agent'} is typing…`;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => { this.typingLine.textContent = ''; }, 4000);
  }

  scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
