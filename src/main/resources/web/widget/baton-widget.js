// Baton chat widget. One tag on any page:
// <script type="module" src="https://support.example.com/widget/baton-widget.js" data-baton-title="Help"></script>
// Plain ES module, no dependencies. Messages are always rendered as text, never as HTML.
import { ChatConnection } from './connection.js';
import { ChatView } from './view.js';

const moduleUrl = new URL(import.meta.url);
const serverBase = new URL('..', moduleUrl); // the widget lives at <server>/widget/
const scriptTag = document.querySelector('script[src*="baton-widget.js"]');
const settings = {
  title: scriptTag?.dataset.batonTitle || 'Chat with us',
  accent: scriptTag?.dataset.batonAccent || '#1f6f5c',
};

function loadStyles() {
  if (document.querySelector('link[data-baton-styles]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('widget.css', moduleUrl).href;
  link.dataset.batonStyles = '';
  document.head.appendChild(link);
}

function start() {
  loadStyles();
  const view = new ChatView(settings);
  const connection = new ChatConnection(serverBase, {
    onMessage: (message) => view.showMessage(message),
    onState: (event) => view.showState(event),
    onTyping: (event) => view.showTyping(event),
    onStatus: (status) => view.showStatus(status),
  });
  view.onOpen = () => connection.ensureStarted().catch(() => view.showStatus('offline'));
  view.onSend = (text) => connection.send(text, {
    pending: (clientId) => view.showPending(clientId, text),
    sent: (clientId, response) => {
      view.confirmPending(clientId, response.message);
      response.replies.forEach((reply) => view.showMessage(reply));
    },
    failed: (clientId, error) => view.failPending(clientId, text, error),
    waiting: (clientId) => view.markRetrying(clientId),
  });
  view.onTyping = () => connection.typing();
  view.onRate = (rating) => connection.rate(rating);
  document.body.appendChild(view.root);
  if (connection.hasStoredConversation()) {
    connection.ensureStarted().catch(() => view.showStatus('offline'));
  }
  window.BatonWidget = { open: () => view.open(), close: () => view.close() };
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
