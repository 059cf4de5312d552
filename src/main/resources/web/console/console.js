// Baton agent console: login, queue per tier, my conversations, one transcript beside its handoff packet,
// claim / reply / note / transfer / resolve / hand back, alerts on assignment, keyboard shortcuts, and the
// supervisor and agents boards for those whose role allows. Live updates over one socket; no page reloads.
// Every piece of customer or server data reaches the page through textContent or setAttribute, never HTML.

import { createApi, ApiError } from './api.js';
import { LiveConnection } from './live.js';
import { el, byId, setText } from './dom.js';
import { formatWaiting, formatClock, formatFull, explainReason, safeHref } from './format.js';
import { renderPacket, renderDecisions } from './packet.js';
import { createAlerts } from './alerts.js';
import { createSupervisor } from './supervisor.js';
import { createAdmin } from './admin.js';

const TITLE = 'Baton console';
const POLL_MS = 15_000;
const TYPING_SEND_MS = 3_000;
const TYPING_SHOW_MS = 4_000;
const NOTICE_MS = 8_000;
const PREVIEW_CHARS = 140;

const api = createApi();

// ---------------------------------------------------------------------------------------------------------------
// Elements

const ui = {
  boot: byId('boot'),
  bootText: byId('boot-text'),
  bootRetry: byId('boot-retry'),
  loginView: byId('login-view'),
  loginForm: byId('login-form'),
  loginEmail: byId('login-email'),
  loginPassword: byId('login-password'),
  loginSubmit: byId('login-submit'),
  loginError: byId('login-error'),
  loginInfo: byId('login-info'),
  app: byId('app'),
  agentName: byId('agent-name'),
  agentTeams: byId('agent-teams'),
  conn: byId('conn'),
  connText: byId('conn-text'),
  logout: byId('logout'),
  queueList: byId('queue-list'),
  queueEmpty: byId('queue-empty'),
  queueCount: byId('queue-count'),
  mineList: byId('mine-list'),
  mineEmpty: byId('mine-empty'),
  mineCount: byId('mine-count'),
  paneEmpty: byId('pane-empty'),
  conversation: byId('conversation'),
  name: byId('c-name'),
  contact: byId('c-contact'),
  state: byId('c-state'),
  team: byId('c-team'),
  agent: byId('c-agent'),
  started: byId('c-started'),
  handoff: byId('c-handoff'),
  reason: byId('c-reason'),
  reasonText: byId('c-reason-text'),
  detail: byId('c-detail'),
  handoffTime: byId('c-handoff-time'),
  brief: byId('c-brief'),
  notice: byId('notice'),
  noticeText: byId('notice-text'),
  noticeClose: byId('notice-close'),
  transcript: byId('transcript'),
  typing: byId('typing'),
  claimBar: byId('claim-bar'),
  claimText: byId('claim-text'),
  claim: byId('claim'),
  composer: byId('composer'),
  reply: byId('reply'),
  send: byId('send'),
  resolve: byId('resolve'),
  note: byId('note'),
  transfer: byId('transfer'),
  canned: byId('canned'),
  transferTeam: byId('transfer-team'),
  notes: byId('c-notes'),
  presence: byId('presence'),
  composerError: byId('composer-error'),
  readonly: byId('readonly'),
  handBack: byId('hand-back'),
  handoffLabel: document.querySelector('#c-handoff .handoff-label'),
  noteMode: byId('note-mode'),
  help: byId('help'),
  sidebar: document.querySelector('.sidebar'),
  pane: byId('pane'),
  viewTabs: [...document.querySelectorAll('#views [data-view]')],
  supervisorLinks: [...document.querySelectorAll('[data-supervisors]')],
  supervisorView: byId('supervisor-view'),
  adminView: byId('admin-view'),
  resolveDialog: byId('resolve-dialog'),
  resolveForm: byId('resolve-form'),
  resolveNote: byId('resolve-note'),
  resolveReusable: byId('resolve-reusable'),
  resolveError: byId('resolve-error'),
  resolveConfirm: byId('resolve-confirm'),
  handBackDialog: byId('handback-dialog'),
  handBackForm: byId('handback-form'),
  handBackNote: byId('handback-note'),
  handBackError: byId('handback-error'),
};

// ---------------------------------------------------------------------------------------------------------------
// State

function freshState() {
  return {
    me: null, // {agent, csrfToken}
    queued: [],
    mine: [],
    queueFetchedAt: 0, // performance.now() when waitingSeconds were measured
    queueLoaded: false,
    knownQueued: new Set(), // every id ever seen in "queued"
    newQueued: new Set(), // arrived after the first load and not opened yet → title count
    unread: new Set(), // conversations with messages the agent has not looked at
    selectedId: null,
    detail: null, // {conversation, handoff, packet, decisions} of the selected conversation
    rendered: new Map(), // seq → message element of the open transcript
    drafts: new Map(), // conversation id → unsent reply text
    sending: false,
    lastTypingSent: 0,
    knownMine: new Set(), // every id ever seen in "mine"
    selfTaken: new Set(), // conversations I claimed myself: no alert for those
    alerted: new Set(), // given to me (auto-assignment, a supervisor) and not opened yet
    noteMode: false, // the composer writes an internal note instead of a reply
    view: 'inbox',
  };
}

let state = freshState();
const alerts = createAlerts({ baseTitle: TITLE });
const role = () => (state.me && state.me.agent && state.me.agent.role) || 'agent';
const boards = {
  supervisor: createSupervisor({ api, onError: (e) => handleError(e, { quiet: true }) }),
  admin: createAdmin({ api, onError: (e) => handleError(e, { quiet: true }), isAdmin: () => role() === 'admin' }),
};
let live = null;
let pollTimer = null;
let tickTimer = null;
let typingTimer = null;
let noticeTimer = null;
let loadSeq = 0;
let stickToBottom = true; // the transcript follows new messages while the agent is at (or near) its end
let ownScrollTop = -1; // where our last programmatic scroll landed, so its scroll event is not mistaken for the agent's
let appliedLoadSeq = 0;
const briefShown = { id: null, data: '', hadPacket: false }; // what the packet panel shows: unchanged data keeps it (and what is open)
const listItems = { queued: new Map(), mine: new Map() }; // id → <li>, so list updates never replace elements

// ---------------------------------------------------------------------------------------------------------------
// Views: boot / login / app

function showOnly(view) {
  ui.boot.hidden = view !== 'boot';
  ui.loginView.hidden = view !== 'login';
  ui.app.hidden = view !== 'app';
}

function showLogin({ info = '', error = '' } = {}) {
  showOnly('login');
  document.title = TITLE;
  setText(ui.loginInfo, info);
  ui.loginInfo.hidden = !info;
  setText(ui.loginError, error);
  ui.loginError.hidden = !error;
  ui.loginSubmit.disabled = false;
  ui.loginPassword.value = '';
  (ui.loginEmail.value ? ui.loginPassword : ui.loginEmail).focus();
}

async function boot() {
  showOnly('boot');
  setText(ui.bootText, 'Loading the console…');
  ui.bootRetry.hidden = true;
  try {
    const me = await api.get('/api/agent/me');
    startApp(me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showLogin();
    } else {
      setText(ui.bootText, `The console could not start: ${e.message}`);
      ui.bootRetry.hidden = false;
      ui.bootRetry.focus();
    }
  }
}

async function onLoginSubmit(event) {
  event.preventDefault();
  ui.loginError.hidden = true;
  ui.loginInfo.hidden = true;
  ui.loginSubmit.disabled = true;
  try {
    const me = await api.post('/api/agent/login', {
      email: ui.loginEmail.value.trim(),
      password: ui.loginPassword.value,
    });
    ui.loginPassword.value = '';
    startApp(me);
  } catch (e) {
    setText(ui.loginError, e.message || 'Login failed.');
    ui.loginError.hidden = false;
    ui.loginPassword.focus();
    ui.loginPassword.select();
  } finally {
    ui.loginSubmit.disabled = false;
  }
}

function startApp(me) {
  stopApp();
  state = freshState();
  state.me = me;
  api.setCsrfToken(me.csrfToken);
  const agent = me.agent || {};
  setText(ui.agentName, agent.name || agent.email || 'Agent');
  const teams = (agent.teams || []).map((team) => team.name || team.id).filter(Boolean);
  setText(ui.agentTeams, teams.join(', '));
  ui.agentTeams.title = teams.length ? `Your teams: ${teams.join(', ')}` : '';
  const supervises = ['supervisor', 'admin'].includes(agent.role);
  for (const tab of ui.viewTabs) {
    tab.hidden = tab.dataset.view !== 'inbox' && !supervises;
  }
  for (const link of ui.supervisorLinks) link.hidden = !supervises;
  showView('inbox');
  renderLists();
  renderConversation();
  showOnly('app');
  alerts.reset();

  refreshQueue();
  live = new LiveConnection({
    onEvent: onLiveEvent,
    onStatus: renderConnection,
    onOpen: onLiveOpen,
    onRejected: onLiveRejected,
  });
  live.start();
  pollTimer = setInterval(onPoll, POLL_MS);
  tickTimer = setInterval(tick, 1000);
}

function stopApp() {
  boards.supervisor.hide();
  boards.admin.hide();
  closeDialogs();
  if (live) live.stop();
  live = null;
  clearInterval(pollTimer);
  clearInterval(tickTimer);
  clearTimeout(typingTimer);
  clearTimeout(noticeTimer);
  pollTimer = tickTimer = typingTimer = noticeTimer = null;
  api.setCsrfToken(null);
  state = freshState();
  for (const items of Object.values(listItems)) items.clear();
  ui.queueList.replaceChildren();
  ui.mineList.replaceChildren();
  ui.transcript.replaceChildren();
  ui.brief.replaceChildren();
  briefShown.id = null;
  briefShown.data = '';
  ui.reply.value = '';
  alerts.reset();
}

async function logout() {
  ui.logout.disabled = true;
  try {
    await api.post('/api/agent/logout');
  } catch {
    // the session may already be gone; either way the console logs out
  } finally {
    ui.logout.disabled = false;
  }
  stopApp();
  showLogin({ info: 'You are logged out.' });
}

function sessionEnded() {
  if (!state.me) return;
  stopApp();
  showLogin({ info: 'Your session has ended. Log in again to continue.' });
}

/** Shared error handling: a lost session goes back to the login form, anything else becomes a notice. */
function handleError(error, { quiet = false } = {}) {
  if (error instanceof ApiError && error.status === 401) {
    sessionEnded();
    return true;
  }
  if (!quiet) showNotice(error.message || 'Something went wrong.');
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Connection indicator

function renderConnection(status, retryInMs) {
  ui.conn.dataset.status = status;
  let text;
  switch (status) {
    case 'live':
      text = 'Live';
      break;
    case 'connecting':
      text = 'Connecting…';
      break;
    case 'offline':
      text = 'Offline';
      break;
    default:
      text = retryInMs ? `Reconnecting in ${Math.max(1, Math.round(retryInMs / 1000))} s…` : 'Reconnecting…';
  }
  setText(ui.connText, text);
  ui.conn.title = status === 'live' ? 'Live updates are on' : 'Live updates are paused; the queue still refreshes every 15 s';
}

// ---------------------------------------------------------------------------------------------------------------
// Queue

let queueInFlight = null;
let queueAgain = false;

function refreshQueue() {
  if (!state.me) return Promise.resolve();
  if (queueInFlight) {
    queueAgain = true;
    return queueInFlight;
  }
  const me = state.me;
  queueInFlight = (async () => {
    try {
      do {
        queueAgain = false;
        const body = await api.get('/api/agent/queue');
        if (state.me !== me) return;
        applyQueue(body || {});
      } while (queueAgain && state.me === me);
    } catch (e) {
      if (state.me === me) handleError(e, { quiet: true });
    } finally {
      queueInFlight = null;
    }
  })();
  return queueInFlight;
}

function applyQueue(body) {
  const queued = Array.isArray(body.queued) ? body.queued : [];
  const mine = Array.isArray(body.mine) ? body.mine : [];
  const firstLoad = !state.queueLoaded;
  const queuedIds = new Set(queued.map((c) => c.id));
  for (const id of queuedIds) {
    if (!state.knownQueued.has(id)) {
      state.knownQueued.add(id);
      if (!firstLoad && id !== state.selectedId) state.newQueued.add(id);
    }
  }
  for (const id of [...state.newQueued]) if (!queuedIds.has(id)) state.newQueued.delete(id);
  for (const entry of mine) {
    if (state.knownMine.has(entry.id)) continue;
    state.knownMine.add(entry.id);
    // Given to me by auto-assignment or a supervisor while the console was open: that needs my attention.
    if (!firstLoad && !state.selfTaken.has(entry.id) && entry.id !== state.selectedId) {
      state.alerted.add(entry.id);
      alerts.assigned(entry.customerName, () => {
        showView('inbox');
        selectConversation(entry.id, { focusAction: true });
      });
    }
  }
  const mineIds = new Set(mine.map((c) => c.id));
  for (const id of [...state.knownMine]) {
    if (!mineIds.has(id)) {
      state.knownMine.delete(id); // transferred, resolved or taken away: a later return is news again
      state.selfTaken.delete(id);
      state.alerted.delete(id);
    }
  }
  const visible = new Set([...queuedIds, ...mine.map((c) => c.id)]);
  for (const id of [...state.unread]) if (!visible.has(id)) state.unread.delete(id);

  state.queued = queued;
  state.mine = mine;
  state.queueFetchedAt = performance.now();
  state.queueLoaded = true;
  renderLists();
  updateTitle();
  renderActions(); // the claim bar shows the waiting time from the queue entry
}

function waitingNow(entry) {
  const elapsed = (performance.now() - state.queueFetchedAt) / 1000;
  return (Number(entry.waitingSeconds) || 0) + elapsed;
}

/** The tab title counts assignments not yet opened plus new conversations waiting; the body carries the first. */
function updateTitle() {
  alerts.setCount(state.alerted.size);
  alerts.setExtra(state.newQueued.size);
}

function renderLists() {
  renderList(ui.queueList, queuedInTierOrder(), 'queued');
  renderList(ui.mineList, state.mine, 'mine');
  setText(ui.queueCount, state.queued.length);
  setText(ui.mineCount, state.mine.length);
  ui.queueEmpty.hidden = state.queued.length > 0 || !state.queueLoaded;
  ui.mineEmpty.hidden = state.mine.length > 0 || !state.queueLoaded;
}

/**
 * Keyed update: an existing entry keeps its element (and focus); only its text changes. The waiting list
 * is grouped by tier, in the server's order (highest priority first), each group under a heading.
 */
function renderList(list, entries, kind) {
  const items = listItems[kind];
  const keep = new Set();
  let previous = null;
  const place = (node) => {
    const expected = previous ? previous.nextSibling : list.firstChild;
    if (node !== expected) list.insertBefore(node, expected);
    previous = node;
  };
  const groups = kind === 'queued' ? tierGroups(entries) : null;
  let group = null;
  for (const entry of entries) {
    if (!entry || !entry.id) continue;
    if (groups) {
      const key = `tier:${entry.tier || ''}`;
      if (key !== group) {
        group = key;
        let head = items.get(key);
        if (!head) {
          head = createTierHead();
          items.set(key, head);
        }
        updateTierHead(head, entry, groups.get(key));
        place(head);
        keep.add(key);
      }
    }
    let item = items.get(entry.id);
    if (!item) {
      item = createListItem(entry.id, kind);
      items.set(entry.id, item);
    }
    updateListItem(item, entry, kind);
    place(item);
    keep.add(entry.id);
  }
  for (const [id, item] of items) {
    if (!keep.has(id)) {
      item.remove();
      items.delete(id);
    }
  }
}

/**
 * The waiting list as shown: tiers in the order the server first lists them (its order is priority, then
 * waiting time), each tier's conversations together, longest waiting first within it.
 */
function queuedInTierOrder() {
  const byTier = new Map();
  for (const entry of state.queued) {
    if (!entry || !entry.id) continue;
    const key = entry.tier || '';
    if (!byTier.has(key)) byTier.set(key, []);
    byTier.get(key).push(entry);
  }
  return [...byTier.values()].flat();
}

function tierGroups(entries) {
  const counts = new Map();
  for (const entry of entries) {
    const key = `tier:${(entry && entry.tier) || ''}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}

function createTierHead() {
  const parts = {
    name: el('span', { class: 'tier-name' }),
    priority: el('span', { class: 'prio', title: 'Priority: 1 is served first' }),
    count: el('span', { class: 'count' }),
  };
  const head = el('li', { class: 'tier-head', 'data-test': 'tier-group', role: 'presentation' }, parts.name, parts.priority, parts.count);
  head.parts = parts;
  return head;
}

function updateTierHead(head, entry, count) {
  head.dataset.tier = entry.tier || '';
  setText(head.parts.name, entry.tierName || entry.tier || 'No tier');
  setText(head.parts.priority, entry.priority ? `P${entry.priority}` : '');
  setText(head.parts.count, count || 0);
}

const FRUSTRATION_TAG = { mild: 'frustrated', high: 'very frustrated' };

function createListItem(id, kind) {
  const parts = {
    name: el('span', { class: 'conv-name' }),
    wait: el('span', { class: 'conv-wait', 'data-test': 'queue-wait' }),
    team: el('span', { class: 'conv-team' }),
    reason: el('span', { class: 'tag' }),
    tier: el('span', { class: 'tier-chip', 'data-test': 'queue-tier' }),
    frustration: el('span', { class: 'tag tag-frustration', 'data-test': 'queue-frustration' }),
    skill: el('span', { class: 'chip skill', 'data-test': 'queue-skill' }),
    fresh: el('span', { class: 'badge badge-new' }, 'New'),
    unread: el('span', { class: 'badge badge-unread' }, 'New messages'),
    preview: el('span', { class: 'conv-preview' }),
  };
  const button = el(
    'button',
    {
      type: 'button',
      class: 'conv',
      'data-test': kind === 'queued' ? 'queue-item' : 'mine-item',
      'data-conversation-id': id,
    },
    el('span', { class: 'conv-row' }, parts.name, parts.unread, parts.fresh, parts.wait),
    el('span', { class: 'conv-row conv-row-sub' }, parts.tier, parts.team, parts.frustration, parts.skill, parts.reason),
    parts.preview,
  );
  button.addEventListener('click', () => selectConversation(id));
  const item = el('li', {}, button);
  item.parts = parts;
  item.button = button;
  return item;
}

function updateListItem(item, entry, kind) {
  const { parts, button } = item;
  setText(parts.name, entry.customerName || 'Visitor');
  setText(parts.team, entry.team ? entry.team.name || entry.team.id : '');
  setText(parts.reason, entry.handoffReason || '');
  parts.reason.hidden = !entry.handoffReason;
  parts.reason.dataset.reason = entry.handoffReason || '';
  parts.reason.title = explainReason(entry.handoffReason);
  setText(parts.tier, [entry.tierName || entry.tier, entry.priority ? `P${entry.priority}` : ''].filter(Boolean).join(' · '));
  parts.tier.hidden = kind === 'queued'; // in the waiting list the tier's heading says it
  parts.tier.dataset.priority = entry.priority || '';
  const frustration = FRUSTRATION_TAG[entry.frustration] || '';
  setText(parts.frustration, frustration);
  parts.frustration.hidden = !frustration;
  parts.frustration.dataset.level = entry.frustration || '';
  setText(parts.skill, entry.skill ? `needs ${entry.skill}` : '');
  parts.skill.hidden = !entry.skill;
  parts.skill.title = entry.skill ? `Only agents with the ${entry.skill} skill may take it` : '';
  button.dataset.priority = entry.priority || '';
  button.dataset.tier = entry.tier || '';
  setText(parts.preview, entry.lastMessage || '');
  parts.preview.hidden = !entry.lastMessage;
  parts.fresh.hidden = kind !== 'queued' || !state.newQueued.has(entry.id);
  const unread = state.unread.has(entry.id);
  parts.unread.hidden = !unread;
  button.classList.toggle('is-unread', unread);
  if (kind === 'queued') {
    parts.wait.dataset.baseSeconds = String(Number(entry.waitingSeconds) || 0);
    setText(parts.wait, formatWaiting(waitingNow(entry)));
    parts.wait.title = entry.queuedAt ? `Waiting since ${formatFull(entry.queuedAt)}` : '';
  } else {
    parts.wait.hidden = true;
  }
  if (entry.id === state.selectedId) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
}

/** Every second: waiting times move on without refetching. */
function tick() {
  if (!state.queueLoaded) return;
  const elapsed = (performance.now() - state.queueFetchedAt) / 1000;
  for (const item of listItems.queued.values()) {
    if (!item.parts.wait) continue; // a tier heading
    const base = Number(item.parts.wait.dataset.baseSeconds) || 0;
    setText(item.parts.wait, formatWaiting(base + elapsed));
  }
  renderClaimWaiting();
}

function orderedIds() {
  return [...queuedInTierOrder(), ...state.mine].map((entry) => entry.id);
}

function findEntry(id) {
  return state.queued.find((c) => c.id === id) || state.mine.find((c) => c.id === id) || null;
}

// ---------------------------------------------------------------------------------------------------------------
// The open conversation

function selectConversation(id, { focusAction = false } = {}) {
  if (!id) return;
  if (state.selectedId !== id) {
    if (state.selectedId) state.drafts.set(state.selectedId, ui.reply.value);
    state.selectedId = id;
    state.detail = null;
    state.rendered = new Map();
    state.lastTypingSent = 0;
    ui.transcript.replaceChildren();
    stickToBottom = true;
    ui.reply.value = state.drafts.get(id) || '';
    setNoteMode(false);
    setText(ui.composerError, '');
    hideTyping();
    hideNotice();
  }
  state.newQueued.delete(id);
  state.unread.delete(id);
  state.alerted.delete(id);
  renderLists();
  updateTitle();
  renderConversation();
  const item = listItems.queued.get(id) || listItems.mine.get(id);
  if (item) item.button.scrollIntoView({ block: 'nearest' });
  return loadConversation().then(() => {
    if (focusAction && state.selectedId === id) focusPrimaryAction();
  });
}

async function loadConversation() {
  const id = state.selectedId;
  if (!id || !state.me) return;
  const mySeq = ++loadSeq;
  try {
    const body = await api.get(`/api/agent/conversations/${encodeURIComponent(id)}`);
    if (state.selectedId !== id || mySeq < appliedLoadSeq) return;
    appliedLoadSeq = mySeq;
    applyDetail(body || {});
  } catch (e) {
    if (state.selectedId !== id) return;
    if (e instanceof ApiError && e.status === 404) {
      showNotice('This conversation is no longer available to you.');
      state.detail = null;
      renderConversation();
      refreshQueue();
      return;
    }
    handleError(e);
  }
}

function applyDetail(body) {
  const conversation = body.conversation || {};
  const previous = state.detail && state.detail.conversation;
  state.detail = {
    conversation: { ...(previous || {}), ...conversation },
    handoff: body.handoff || null,
    packet: body.packet || null,
    decisions: Array.isArray(body.decisions) ? body.decisions : [],
    notes: Array.isArray(body.notes) ? body.notes : [],
  };
  ui.transcript.setAttribute('aria-busy', 'true');
  const stick = state.rendered.size === 0 || stickToBottom;
  let added = false;
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    added = addMessage(message, { scroll: false }) || added;
  }
  ui.transcript.setAttribute('aria-busy', 'false');
  if (added && stick) scrollTranscriptToEnd();
  renderConversation();
}

function isMine(conversation) {
  const me = state.me && state.me.agent;
  return !!(conversation && conversation.agent && me && conversation.agent.id === me.id);
}

function canReply() {
  const c = state.detail && state.detail.conversation;
  return !!c && c.state === 'WITH_AGENT' && isMine(c);
}

function canClaim() {
  const c = state.detail && state.detail.conversation;
  return !!c && c.state === 'QUEUED';
}

function renderConversation() {
  const hasSelection = !!state.selectedId;
  ui.paneEmpty.hidden = hasSelection;
  ui.conversation.hidden = !hasSelection;
  if (!hasSelection) return;

  const detail = state.detail;
  const conversation = (detail && detail.conversation) || {};
  const entry = findEntry(state.selectedId);
  const customer = conversation.customer || {};

  setText(ui.name, customer.name || (entry && entry.customerName) || (detail ? 'Visitor' : 'Loading…'));
  setText(ui.contact, [customer.email, customer.phone].filter(Boolean).join(' · '));
  ui.contact.hidden = !customer.email && !customer.phone;

  setText(ui.state, conversation.state || '');
  ui.state.dataset.state = conversation.state || '';
  ui.state.hidden = !conversation.state;

  const team = conversation.team || (entry && entry.team);
  setText(ui.team, team ? `Team: ${team.name || team.id}` : '');
  const agent = conversation.agent;
  setText(ui.agent, agent ? `Agent: ${agent.name}${isMine(conversation) ? ' (you)' : ''}` : '');
  setText(ui.started, conversation.createdAt ? `Started ${formatClock(conversation.createdAt)}` : '');
  ui.started.title = formatFull(conversation.createdAt);

  const handoff = detail && detail.handoff;
  // The packet says all the one-line strip says, and more; the strip stays for conversations without one.
  // A transfer's note is the one thing the packet does not say, so its strip stays.
  const transferred = !!handoff && handoff.reason === 'transfer';
  ui.handoff.hidden = !handoff || (!!(detail && detail.packet) && !transferred);
  setText(ui.handoffLabel, transferred ? 'Transferred' : 'Why the bot handed off');
  if (handoff) {
    setText(ui.reason, handoff.reason || '');
    ui.reason.dataset.reason = handoff.reason || '';
    setText(ui.reasonText, explainReason(handoff.reason));
    setText(ui.detail, handoff.detail || '');
    ui.detail.hidden = !handoff.detail;
    setText(ui.handoffTime, handoff.createdAt ? formatClock(handoff.createdAt) : '');
    ui.handoffTime.dateTime = handoff.createdAt || '';
    ui.handoffTime.title = handoff.createdAt ? `Handed off ${formatFull(handoff.createdAt)}` : '';
  }
  renderBrief();
  renderNotes();
  if (state.canned === undefined) {
    state.canned = [];
    loadCanned();
  }
  if (state.teams === undefined) {
    state.teams = [];
    loadTeams();
  } else {
    renderTransferTeams();
  }
  renderActions();
}

/** Internal notes, agents only: inserted as text, never as markup. */
function renderNotes() {
  const notes = (state.detail && state.detail.notes) || [];
  ui.notes.hidden = notes.length === 0;
  ui.notes.replaceChildren();
  if (notes.length === 0) return;
  const title = document.createElement('h2');
  title.className = 'notes-title';
  title.textContent = `Internal notes (${notes.length}) · agents only`;
  ui.notes.append(title);
  for (const note of notes) {
    const item = document.createElement('p');
    item.className = 'note';
    item.dataset.test = 'note';
    const who = document.createElement('strong');
    who.textContent = `${note.author || 'Agent'} · ${note.createdAt ? formatClock(note.createdAt) : ''}: `;
    item.append(who, document.createTextNode(String(note.text || '')));
    ui.notes.append(item);
  }
}

async function addNote() {
  const id = state.selectedId;
  const text = ui.reply.value.trim();
  if (!id || !text || ui.note.disabled) return;
  ui.note.disabled = true;
  setText(ui.composerError, '');
  try {
    await api.post(`/api/agent/conversations/${encodeURIComponent(id)}/notes`, { text });
    if (state.selectedId === id) {
      ui.reply.value = '';
      setNoteMode(false);
      await loadConversation();
    }
  } catch (e) {
    if (!handleError(e, { quiet: true })) setText(ui.composerError, e.message);
  } finally {
    ui.note.disabled = false;
  }
}

/** The spec's canned replies, loaded once per session into the composer's list. */
async function loadCanned() {
  try {
    const body = await api.get('/api/agent/canned');
    state.canned = Array.isArray(body && body.replies) ? body.replies : [];
  } catch (e) {
    handleError(e, { quiet: true });
    state.canned = [];
  }
  ui.canned.replaceChildren(ui.canned.options[0], ...state.canned.map((reply) => {
    const option = document.createElement('option');
    option.value = reply.id;
    option.textContent = reply.title;
    return option;
  }));
  ui.canned.hidden = state.canned.length === 0;
}

/** Puts the chosen reply in the box, with the customer's and my name filled in, for the agent to edit. */
function insertCanned() {
  const reply = (state.canned || []).find((candidate) => candidate.id === ui.canned.value);
  ui.canned.value = '';
  if (!reply) return;
  const customer = state.detail && state.detail.conversation && state.detail.conversation.customer;
  const me = state.me && state.me.agent;
  const text = String(reply.text || '')
    .replaceAll('{customer}', (customer && customer.name) || 'there')
    .replaceAll('{agent}', (me && me.name) || 'your agent');
  ui.reply.value = ui.reply.value.trim() ? `${ui.reply.value.trimEnd()}\n${text}` : text;
  ui.reply.focus();
}

/** Fills the transfer list once per session: every team but the conversation's own is offered. */
async function loadTeams() {
  try {
    const body = await api.get('/api/agent/teams');
    state.teams = Array.isArray(body && body.teams) ? body.teams : [];
  } catch (e) {
    handleError(e, { quiet: true });
    state.teams = [];
  }
  renderTransferTeams();
}

function renderTransferTeams() {
  const current = state.detail && state.detail.conversation && state.detail.conversation.team;
  const options = (state.teams || []).filter((team) => !current || team.id !== current.id);
  ui.transferTeam.replaceChildren(...options.map((team) => {
    const option = document.createElement('option');
    option.value = team.id;
    option.textContent = team.name;
    return option;
  }));
  ui.transfer.disabled = options.length === 0;
  ui.transferTeam.disabled = options.length === 0;
}

/** Transfers with the composer's text as the note for the next team; the note is required. */
async function transferConversation() {
  const id = state.selectedId;
  const note = ui.reply.value.trim();
  if (!id || ui.transfer.disabled) return;
  if (!note) {
    setText(ui.composerError, 'Write a note for the next team in the box first: why it goes to them.');
    return;
  }
  ui.transfer.disabled = true;
  setText(ui.composerError, '');
  try {
    const teamName = ui.transferTeam.selectedOptions[0] ? ui.transferTeam.selectedOptions[0].textContent : 'other';
    await api.post(`/api/agent/conversations/${encodeURIComponent(id)}/transfer`, { teamId: ui.transferTeam.value, note });
    ui.reply.value = '';
    state.mine = state.mine.filter((c) => c.id !== id);
    state.drafts.delete(id);
    if (state.selectedId === id) {
      state.selectedId = null;
      state.detail = null;
    }
    renderLists();
    renderConversation();
    refreshQueue();
    showNotice(`Passed to the ${teamName} team with your note.`);
  } catch (e) {
    if (!handleError(e, { quiet: true })) setText(ui.composerError, e.message);
  } finally {
    ui.transfer.disabled = false;
  }
}

async function setPresence() {
  try {
    await api.post('/api/agent/presence', { status: ui.presence.value });
  } catch (e) {
    handleError(e);
  }
}

/** The handoff packet and the decision log. Rebuilt only when they change; open sections stay open. */
function renderBrief() {
  const detail = state.detail;
  const packet = (detail && detail.packet) || null;
  const decisions = (detail && detail.decisions) || [];
  const customer = detail && detail.conversation ? detail.conversation.customer : null;
  const data = JSON.stringify([packet, decisions, customer]);
  if (briefShown.id === state.selectedId && briefShown.data === data) return;
  const sameConversation = briefShown.id === state.selectedId;
  const firstPacket = !!packet && !(sameConversation && briefShown.hadPacket);
  briefShown.id = state.selectedId;
  briefShown.data = data;
  briefShown.hadPacket = !!packet;
  // Beside the transcript there is room to say why it was escalated straight away; later the agent's choice stays.
  const open = new Set(firstPacket ? ['why'] : []);
  if (sameConversation) {
    for (const section of ui.brief.querySelectorAll('details[data-section][open]')) open.add(section.dataset.section);
  }
  const parts = [renderPacket(packet, customer), renderDecisions(decisions)].filter(Boolean);
  for (const part of parts) {
    const sections = part.matches('details[data-section]') ? [part] : part.querySelectorAll('details[data-section]');
    for (const section of sections) section.open = open.has(section.dataset.section);
  }
  ui.brief.replaceChildren(...parts);
  ui.brief.hidden = parts.length === 0;
}

function renderActions() {
  if (!state.selectedId) return;
  const conversation = state.detail && state.detail.conversation;
  const claimable = canClaim();
  const replyable = canReply();
  ui.claimBar.hidden = !claimable;
  ui.composer.hidden = !replyable;
  ui.resolve.hidden = !replyable;
  ui.handBack.hidden = !replyable;
  ui.send.disabled = state.sending;
  if (claimable) renderClaimWaiting();

  let note = '';
  if (conversation && !claimable && !replyable) {
    switch (conversation.state) {
      case 'WITH_AGENT':
        note = `${conversation.agent ? conversation.agent.name : 'Another agent'} is handling this conversation.`;
        break;
      case 'RESOLVED':
        note = 'Resolved. If the customer writes again, the bot answers first.';
        break;
      case 'BOT':
        note = 'The bot is handling this conversation.';
        break;
      default:
        note = '';
    }
  } else if (!conversation) {
    note = 'Loading…';
  }
  setText(ui.readonly, note);
  ui.readonly.hidden = !note;
}

function renderClaimWaiting() {
  if (!state.selectedId || ui.claimBar.hidden) return;
  const entry = state.queued.find((c) => c.id === state.selectedId);
  const conversation = state.detail && state.detail.conversation;
  const team = (conversation && conversation.team) || (entry && entry.team);
  const teamName = team ? team.name || team.id : 'the';
  const waited = entry ? ` · waiting ${formatWaiting(waitingNow(entry))}` : '';
  setText(ui.claimText, `In the ${teamName} queue${waited}. Claim it to reply.`);
}

function focusPrimaryAction() {
  if (!ui.composer.hidden) ui.reply.focus();
  else if (!ui.claimBar.hidden) ui.claim.focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Transcript

const AUTHOR_LABEL = { customer: 'Customer', bot: 'Bot', agent: 'Agent', system: 'System' };

function authorLabel(message) {
  if (message.author === 'customer') {
    const customer = state.detail && state.detail.conversation && state.detail.conversation.customer;
    const entry = findEntry(state.selectedId);
    return (customer && customer.name) || (entry && entry.customerName) || 'Visitor';
  }
  if (message.author === 'agent' || message.author === 'bot') {
    return message.authorName || AUTHOR_LABEL[message.author];
  }
  return AUTHOR_LABEL[message.author] || String(message.author || '');
}

function messageElement(message) {
  const author = String(message.author || 'system');
  const time = el('time', { class: 'msg-time', datetime: message.createdAt || null, title: formatFull(message.createdAt) },
    formatClock(message.createdAt));
  const meta = el('div', { class: 'msg-meta' },
    el('span', { class: 'msg-author' }, authorLabel(message)),
    author === 'bot' ? el('span', { class: 'msg-kind' }, 'bot') : null,
    time);
  const text = el('div', { class: 'msg-text' });
  text.textContent = String(message.text ?? '');
  const node = el('div', {
    class: `msg msg-${author}`,
    'data-test': 'message',
    'data-author': author,
    'data-seq': message.seq,
  }, meta, text);

  const citations = Array.isArray(message.citations) ? message.citations : [];
  if (citations.length) {
    const list = el('ul', { class: 'msg-citations', 'aria-label': 'Sources' });
    for (const citation of citations) {
      const href = safeHref(citation && citation.url);
      const title = (citation && (citation.title || citation.url)) || 'Source';
      list.append(el('li', {}, href
        ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title)
        : el('span', {}, title)));
    }
    node.append(list);
  }
  return node;
}

function nearBottom() {
  const t = ui.transcript;
  return t.scrollHeight - t.scrollTop - t.clientHeight < 80;
}

function scrollTranscriptToEnd() {
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
  ownScrollTop = ui.transcript.scrollTop;
  stickToBottom = true;
}

/** Adds a message once (keyed by seq), in seq order. Returns true when it was new. */
function addMessage(message, { scroll = true, force = false } = {}) {
  const seq = Number(message && message.seq);
  if (!Number.isFinite(seq) || state.rendered.has(seq)) return false;
  const stick = force || stickToBottom;
  const node = messageElement(message);
  let before = null;
  for (const [otherSeq, other] of state.rendered) {
    if (otherSeq > seq && (!before || otherSeq < Number(before.dataset.seq))) before = other;
  }
  ui.transcript.insertBefore(node, before);
  state.rendered.set(seq, node);
  if (scroll && stick) scrollTranscriptToEnd();
  return true;
}

function highestSeq() {
  let max = 0;
  for (const seq of state.rendered.keys()) if (seq > max) max = seq;
  return max;
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

async function claim() {
  if (!canClaim() || ui.claim.disabled) return;
  const id = state.selectedId;
  ui.claim.disabled = true;
  hideNotice();
  state.selfTaken.add(id); // before the request: the live queue event may come back before its answer
  try {
    const body = await api.post(`/api/agent/conversations/${encodeURIComponent(id)}/claim`);
    if (state.selectedId === id && body && body.conversation) {
      state.detail.conversation = { ...state.detail.conversation, ...body.conversation };
      state.newQueued.delete(id);
      renderConversation();
      ui.reply.focus();
    }
    refreshQueue();
    if (state.selectedId === id) loadConversation();
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      showNotice('Another agent took this conversation');
      refreshQueue();
      if (state.selectedId === id) loadConversation();
    } else {
      handleError(e);
    }
  } finally {
    ui.claim.disabled = false;
  }
}

async function sendReply() {
  if (!canReply() || state.sending) return;
  const original = ui.reply.value;
  const text = original.trim();
  if (!text) return;
  const id = state.selectedId;
  state.sending = true;
  ui.send.disabled = true;
  setText(ui.composerError, '');
  try {
    const body = await api.post(`/api/agent/conversations/${encodeURIComponent(id)}/messages`, { text });
    if (state.selectedId === id) {
      if (body && body.message) addMessage(body.message, { force: true });
      if (ui.reply.value === original) ui.reply.value = '';
    } else {
      state.drafts.delete(id);
    }
    updatePreview(id, body && body.message);
  } catch (e) {
    if (handleError(e, { quiet: true })) return;
    if (state.selectedId === id) {
      setText(ui.composerError, e.message);
      if (e instanceof ApiError && e.status === 409) loadConversation();
    } else {
      showNotice(e.message);
    }
  } finally {
    state.sending = false;
    ui.send.disabled = false;
  }
}

/** Opens the resolve dialog: a note for the record and whether the answer is worth reusing. */
function openResolve() {
  if (!canReply() || ui.resolve.hidden || ui.resolveDialog.open) return;
  ui.resolveNote.value = '';
  ui.resolveReusable.checked = false;
  setText(ui.resolveError, '');
  ui.resolveDialog.showModal();
  ui.resolveNote.focus();
}

async function resolveConversation(event) {
  if (event) event.preventDefault();
  const id = state.selectedId;
  if (!id || ui.resolveConfirm.disabled) return;
  const note = ui.resolveNote.value.trim();
  const body = { reusable: ui.resolveReusable.checked };
  if (note) body.note = note;
  ui.resolveConfirm.disabled = true;
  setText(ui.resolveError, '');
  hideNotice();
  try {
    const answer = await api.post(`/api/agent/conversations/${encodeURIComponent(id)}/resolve`, body);
    ui.resolveDialog.close();
    closedByMe(id, answer, 'Resolved.');
  } catch (e) {
    if (handleError(e, { quiet: true })) return;
    setText(ui.resolveError, e.message);
    if (e instanceof ApiError && e.status === 409 && state.selectedId === id) {
      refreshQueue();
      loadConversation();
    }
  } finally {
    ui.resolveConfirm.disabled = false;
    renderActions();
  }
}

function openHandBack() {
  if (!canReply() || ui.handBack.hidden || ui.handBackDialog.open) return;
  ui.handBackNote.value = '';
  setText(ui.handBackError, '');
  ui.handBackDialog.showModal();
  ui.handBackNote.focus();
}

async function handBack(event) {
  if (event) event.preventDefault();
  const id = state.selectedId;
  const confirm = ui.handBackForm.querySelector('[type=submit]');
  if (!id || confirm.disabled) return;
  const note = ui.handBackNote.value.trim();
  confirm.disabled = true;
  setText(ui.handBackError, '');
  try {
    const answer = await api.post(`/api/agent/conversations/${encodeURIComponent(id)}/hand-back`, note ? { note } : {});
    ui.handBackDialog.close();
    closedByMe(id, answer, 'Handed back to the bot.', { leave: true });
  } catch (e) {
    if (!handleError(e, { quiet: true })) setText(ui.handBackError, e.message);
  } finally {
    confirm.disabled = false;
    renderActions();
  }
}

/**
 * After resolving or handing back: the conversation leaves my list. A resolved one stays open to read;
 * one handed back belongs to no team any more (only supervisors still see it), so the pane closes.
 */
function closedByMe(id, answer, message, { leave = false } = {}) {
  state.mine = state.mine.filter((c) => c.id !== id);
  state.unread.delete(id);
  state.drafts.delete(id);
  if (leave && state.selectedId === id) {
    state.selectedId = null;
    state.detail = null;
    ui.reply.value = '';
    setNoteMode(false);
  }
  renderLists();
  renderConversation();
  if (state.selectedId === id) {
    if (answer && answer.conversation && state.detail) {
      state.detail.conversation = { ...state.detail.conversation, ...answer.conversation };
    }
    ui.reply.value = '';
    setNoteMode(false);
    renderConversation();
    loadConversation();
  }
  refreshQueue();
  showNotice(message);
}

function closeDialogs() {
  for (const dialog of [ui.resolveDialog, ui.handBackDialog]) if (dialog.open) dialog.close();
}

/** Note mode: the composer's Enter saves an internal note instead of sending a reply. */
function setNoteMode(on) {
  state.noteMode = !!on;
  ui.noteMode.hidden = !state.noteMode;
  ui.composer.classList.toggle('is-note', state.noteMode);
  ui.reply.placeholder = state.noteMode
    ? 'Internal note for agents… (Enter saves it, Esc goes back to replying)'
    : 'Reply to the customer… (Enter sends, Shift+Enter adds a line)';
  setText(ui.send, state.noteMode ? 'Save note' : 'Send');
}

// ---------------------------------------------------------------------------------------------------------------
// Views: inbox, supervisor board, agents board

function showView(view) {
  const tab = ui.viewTabs.find((candidate) => candidate.dataset.view === view);
  if (!tab || tab.hidden) return;
  state.view = view;
  for (const candidate of ui.viewTabs) candidate.setAttribute('aria-pressed', String(candidate === tab));
  ui.sidebar.hidden = view !== 'inbox';
  ui.pane.hidden = view !== 'inbox';
  ui.supervisorView.hidden = view !== 'supervisor';
  ui.adminView.hidden = view !== 'admin';
  document.body.dataset.view = view;
  if (view === 'supervisor') boards.supervisor.show();
  else boards.supervisor.hide();
  if (view === 'admin') boards.admin.show();
  else boards.admin.hide();
}

function onReplyInput() {
  if (!canReply() || !ui.reply.value.trim()) return;
  const now = Date.now();
  if (now - state.lastTypingSent < TYPING_SEND_MS) return;
  state.lastTypingSent = now;
  const id = state.selectedId;
  api.post(`/api/agent/conversations/${encodeURIComponent(id)}/typing`).catch((e) => handleError(e, { quiet: true }));
}

function onReplyKeydown(event) {
  if (event.key === 'Escape' && !event.isComposing) {
    // Out of the box, so single-letter shortcuts work again; a note in progress becomes a reply draft.
    event.preventDefault();
    if (state.noteMode) setNoteMode(false);
    else ui.reply.blur();
    return;
  }
  if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.isComposing || event.keyCode === 229) return; // an IME is composing
  event.preventDefault();
  if (state.noteMode) addNote();
  else sendReply();
}

function moveSelection(step) {
  const ids = orderedIds();
  if (!ids.length) return;
  const index = ids.indexOf(state.selectedId);
  let next;
  if (index < 0) next = step > 0 ? 0 : ids.length - 1;
  else next = Math.min(ids.length - 1, Math.max(0, index + step));
  if (ids[next] !== state.selectedId) selectConversation(ids[next], { focusAction: true });
}

/** Is the person typing somewhere? Then a plain letter is text, not a command. */
function typingIn(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

const SHORTCUTS = {
  j: () => moveSelection(1),
  k: () => moveSelection(-1),
  c: () => claim(),
  r: () => {
    if (!ui.composer.hidden) {
      setNoteMode(false);
      ui.reply.focus();
    }
  },
  n: () => {
    if (!ui.composer.hidden) {
      setNoteMode(true);
      ui.reply.focus();
    }
  },
  t: () => {
    if (!ui.composer.hidden && !ui.transferTeam.disabled) {
      ui.transferTeam.focus();
      if (!ui.reply.value.trim()) setText(ui.composerError, 'Choose the team, then write your note for them in the box and press Transfer.');
    }
  },
  e: () => openResolve(),
  b: () => openHandBack(),
  1: () => showView('inbox'),
  2: () => showView('supervisor'),
  3: () => showView('admin'),
  '?': () => ui.help.togglePopover(),
};

// event.code for Alt combinations: on macOS Alt+letter types a special character, so event.key lies.
const ALT_CODES = { KeyJ: 'j', KeyK: 'k', KeyC: 'c', KeyR: 'r', KeyN: 'n', KeyT: 't', KeyE: 'e', KeyB: 'b' };

function onShortcut(event) {
  if (ui.app.hidden || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
  if (ui.resolveDialog.open || ui.handBackDialog.open) return; // a dialog has the keyboard
  let key;
  if (event.altKey) {
    key = ALT_CODES[event.code];
  } else {
    if (typingIn(event.target) || event.isComposing) return;
    key = event.key === '?' ? '?' : event.shiftKey ? null : event.key;
  }
  const action = key && SHORTCUTS[key];
  if (!action) return;
  const inboxOnly = !'123?'.includes(key);
  if (inboxOnly && state.view !== 'inbox') return;
  event.preventDefault();
  action();
}

// ---------------------------------------------------------------------------------------------------------------
// Notices and typing

function showNotice(text) {
  setText(ui.noticeText, text);
  ui.notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(hideNotice, NOTICE_MS);
}

function hideNotice() {
  clearTimeout(noticeTimer);
  noticeTimer = null;
  ui.notice.hidden = true;
}

function showTyping() {
  setText(ui.typing, 'Customer is typing…');
  ui.typing.classList.add('is-on');
  clearTimeout(typingTimer);
  typingTimer = setTimeout(hideTyping, TYPING_SHOW_MS);
}

function hideTyping() {
  clearTimeout(typingTimer);
  typingTimer = null;
  ui.typing.classList.remove('is-on');
  setText(ui.typing, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Live events

function updatePreview(id, message) {
  if (!message || typeof message.text !== 'string') return false;
  const text = message.text.length > PREVIEW_CHARS ? `${message.text.slice(0, PREVIEW_CHARS)}…` : message.text;
  let found = false;
  for (const entry of [...state.queued, ...state.mine]) {
    if (entry.id === id) {
      entry.lastMessage = text;
      found = true;
    }
  }
  return found;
}

function onLiveEvent(event) {
  switch (event.type) {
    case 'note':
      if (event.conversationId === state.selectedId) loadConversation();
      break;
    case 'queue':
      refreshQueue();
      if (state.view === 'supervisor') boards.supervisor.refresh();
      // Live messages only come for conversations I own; keep an open queued one fresh by reloading it.
      if (state.selectedId && !canReply()) loadConversation();
      break;
    case 'message': {
      const id = event.conversationId;
      const message = event.message;
      if (!id || !message) break;
      const known = updatePreview(id, message);
      if (id === state.selectedId) {
        const expected = highestSeq() + 1;
        addMessage(message);
        if (message.author === 'customer') hideTyping();
        if (state.detail && Number(message.seq) > expected) loadConversation(); // a gap: fetch what was missed
      } else if (message.author !== 'agent' || !isFromMe(message)) {
        state.unread.add(id);
      }
      if (!known) refreshQueue();
      renderLists();
      break;
    }
    case 'typing':
      if (event.conversationId === state.selectedId && event.author !== 'agent') showTyping();
      break;
    case 'state':
      refreshQueue();
      if (state.view === 'supervisor') boards.supervisor.refresh();
      if (event.conversationId && event.conversationId === state.selectedId) loadConversation();
      break;
    default:
      // "hello", "pong" and unknown types need nothing
      break;
  }
}

function isFromMe(message) {
  const me = state.me && state.me.agent;
  return !!me && message.authorName === me.name;
}

function onLiveOpen() {
  // Anything that happened while the socket was down (or before it first opened) is read from the server.
  refreshQueue();
  if (state.selectedId) loadConversation();
}

async function onLiveRejected() {
  // 4401: the socket did not accept our session. Confirm with a plain request before logging out.
  try {
    await api.get('/api/agent/me');
  } catch (e) {
    handleError(e, { quiet: true });
  }
}

function onPoll() {
  refreshQueue();
  if (state.selectedId && (!canReply() || !live || !live.isLive)) loadConversation();
}

// ---------------------------------------------------------------------------------------------------------------
// Wiring

ui.loginForm.addEventListener('submit', onLoginSubmit);
ui.bootRetry.addEventListener('click', boot);
ui.logout.addEventListener('click', logout);
ui.claim.addEventListener('click', claim);
ui.resolve.addEventListener('click', openResolve);
ui.resolveForm.addEventListener('submit', resolveConversation);
ui.handBack.addEventListener('click', openHandBack);
ui.handBackForm.addEventListener('submit', handBack);
for (const close of document.querySelectorAll('dialog [data-close]')) {
  close.addEventListener('click', () => close.closest('dialog').close());
}
for (const tab of ui.viewTabs) tab.addEventListener('click', () => showView(tab.dataset.view));
// Sound and notifications need the person to have used the page once.
document.addEventListener('pointerdown', alerts.prime, { once: true, capture: true });
document.addEventListener('keydown', alerts.prime, { once: true, capture: true });
ui.note.addEventListener('click', addNote);
ui.transfer.addEventListener('click', transferConversation);
ui.canned.addEventListener('change', insertCanned);
ui.presence.addEventListener('change', setPresence);
ui.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  if (state.noteMode) addNote();
  else sendReply();
});
ui.reply.addEventListener('keydown', onReplyKeydown);
ui.reply.addEventListener('input', onReplyInput);
ui.noticeClose.addEventListener('click', hideNotice);
ui.transcript.addEventListener('scroll', () => {
  const ours = Math.abs(ui.transcript.scrollTop - ownScrollTop) < 2;
  ownScrollTop = -1;
  if (!ours) stickToBottom = nearBottom();
}, { passive: true });
// The composer or claim bar appearing (or the window resizing) shrinks the transcript: stay at the end.
new ResizeObserver(() => {
  if (stickToBottom) scrollTranscriptToEnd();
}).observe(ui.transcript);
document.addEventListener('keydown', onShortcut);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && state.me) onPoll();
});

boot();
