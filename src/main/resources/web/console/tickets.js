// The ticket list: handoffs to email and ticket tiers, soonest due first, overdue ones marked.
// Every value from the server goes into the page as text (textContent), never as HTML.

import { createApi } from './api.js';

const REFRESH_MS = 30_000;

const ui = {
  who: document.getElementById('t-who'),
  signin: document.getElementById('t-signin'),
  error: document.getElementById('t-error'),
  status: document.getElementById('t-status'),
  team: document.getElementById('t-team'),
  assignee: document.getElementById('t-assignee'),
  refresh: document.getElementById('t-refresh'),
  count: document.getElementById('t-count'),
  sort: document.getElementById('t-sort'),
  sortArrow: document.getElementById('t-sort-arrow'),
  dueHead: document.getElementById('t-due-head'),
  rows: document.getElementById('t-rows'),
  empty: document.getElementById('t-empty'),
};

const state = { me: null, tickets: [], ascending: true };

// The console's own API client: CSRF header, JSON errors, and one retry on a stale CSRF token.
const api = createApi();

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function showError(message) {
  ui.error.textContent = message || '';
  ui.error.hidden = !message;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' });

function dueText(ticket) {
  const due = new Date(ticket.dueAt);
  const minutes = Math.round((due.getTime() - Date.now()) / 60_000);
  const when = timeFormat.format(due);
  if (ticket.status === 'solved') return when;
  const span = Math.abs(minutes) < 90 ? `${Math.abs(minutes)} min` : `${Math.round(Math.abs(minutes) / 60)} h`;
  return minutes >= 0 ? `${when} (in ${span})` : `${when} (${span} ago)`;
}

function actionButton(label, onClick, primary) {
  const button = el('button', primary ? 't-btn primary' : 't-btn', label);
  button.type = 'button';
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await onClick();
      showError('');
      await load();
    } catch (e) {
      showError(e.message);
      button.disabled = false;
    }
  });
  return button;
}

function actions(ticket) {
  const cell = el('div', 't-actions');
  if (ticket.status === 'solved') return cell;
  const path = `/api/agent/tickets/${encodeURIComponent(ticket.id)}`;
  const mine = ticket.assignee && state.me && ticket.assignee.id === state.me.id;
  if (!mine) {
    cell.append(actionButton('Take', () => api.post(`${path}/take`), true));
  }
  if (ticket.status === 'open') {
    cell.append(actionButton('Mark pending', () => api.post(`${path}/status`, { status: 'pending' })));
  } else {
    cell.append(actionButton('Mark open', () => api.post(`${path}/status`, { status: 'open' })));
  }
  if (mine) {
    cell.append(actionButton('Solve', () => api.post(`${path}/status`, { status: 'solved' })));
  }
  return cell;
}

function row(ticket) {
  const tr = document.createElement('tr');
  tr.dataset.ticket = ticket.id;
  if (ticket.overdue) tr.classList.add('overdue');
  const due = el('td', null, dueText(ticket));
  const dueTime = new Date(ticket.dueAt);
  due.title = dueTime.toISOString();
  if (ticket.overdue) due.append(el('span', 't-late', 'overdue'));
  const status = el('span', 't-status', ticket.status);
  status.dataset.status = ticket.status;
  const statusCell = el('td');
  statusCell.append(status);
  const actionCell = el('td');
  actionCell.append(actions(ticket));
  tr.append(
    due,
    statusCell,
    el('td', 't-ref', ticket.reference),
    el('td', null, ticket.customerName || '—'),
    el('td', 't-subject', ticket.subject || '—'),
    el('td', null, ticket.team ? ticket.team.name : '—'),
    el('td', null, ticket.assignee ? ticket.assignee.name : 'Nobody yet'),
    actionCell,
  );
  return tr;
}

function render() {
  const sorted = [...state.tickets].sort((a, b) => {
    const order = Date.parse(a.dueAt) - Date.parse(b.dueAt);
    return state.ascending ? order : -order;
  });
  ui.rows.replaceChildren(...sorted.map(row));
  ui.empty.hidden = sorted.length > 0;
  const overdue = sorted.filter((ticket) => ticket.overdue).length;
  ui.count.textContent = `${sorted.length} ticket${sorted.length === 1 ? '' : 's'}${overdue ? `, ${overdue} overdue` : ''}`;
  ui.sortArrow.textContent = state.ascending ? '▲' : '▼';
  ui.dueHead.setAttribute('aria-sort', state.ascending ? 'ascending' : 'descending');
}

async function load() {
  const query = new URLSearchParams();
  if (ui.status.value) query.set('status', ui.status.value);
  if (ui.team.value) query.set('team', ui.team.value);
  if (ui.assignee.value) query.set('assignee', ui.assignee.value);
  const data = await api.get(`/api/agent/tickets?${query}`);
  state.tickets = Array.isArray(data.tickets) ? data.tickets : [];
  render();
}

async function refresh() {
  try {
    await load();
    showError('');
  } catch (e) {
    if (e.status === 401) {
      ui.signin.hidden = false;
    } else {
      showError(e.message);
    }
  }
}

async function start() {
  let me;
  try {
    me = await api.get('/api/agent/me');
  } catch (e) {
    if (e.status === 401) {
      ui.signin.hidden = false;
    } else {
      showError(e.message);
    }
    return;
  }
  api.setCsrfToken(me.csrfToken);
  state.me = me.agent;
  ui.who.textContent = me.agent.name;
  try {
    const teams = await api.get('/api/agent/teams');
    for (const team of teams.teams || []) {
      const option = el('option', null, team.name);
      option.value = team.id;
      ui.team.append(option);
    }
  } catch (e) {
    showError(e.message);
  }
  for (const control of [ui.status, ui.team, ui.assignee]) control.addEventListener('change', refresh);
  ui.refresh.addEventListener('click', refresh);
  ui.sort.addEventListener('click', () => {
    state.ascending = !state.ascending;
    render();
  });
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

start();
