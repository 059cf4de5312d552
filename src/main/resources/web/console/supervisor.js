// The supervisor's board: every team's queue and how it is worked, every agent's presence and load, and
// every open conversation with who holds it, to give it to someone else. Refreshed while shown.
// Customer names and agent names go in as text only (el()).

import { el, byId, setText } from './dom.js';
import { formatWaiting } from './format.js';

const REFRESH_MS = 5_000;
const PRESENCE = { online: 'Online', away: 'Away', offline: 'Offline' };

export function createSupervisor({ api, onError }) {
  const ui = {
    teams: byId('sup-teams'),
    agents: byId('sup-agents'),
    conversations: byId('sup-conversations'),
    empty: byId('sup-conversations-empty'),
    updated: byId('sup-updated'),
    error: byId('sup-error'),
  };
  let data = null;
  const shown = { teams: '', agents: '', conversations: '' }; // what each table shows, without the clocks
  let refreshTimer = null;
  let tickTimer = null;
  let inFlight = null;

  // Each waiting-time cell carries the seconds the server measured and when: it ticks on from there.
  const waitCell = (seconds, attributes = {}) => el('td', {
    ...attributes, class: 'num wait', 'data-wait-base': Number(seconds) || 0, 'data-wait-at': performance.now(),
  }, formatWaiting(seconds));

  async function refresh() {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      try {
        data = await api.get('/api/agent/supervisor/overview');
        setText(ui.error, '');
        render();
      } catch (e) {
        if (!onError(e)) setText(ui.error, e.message);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  /**
   * A table is rebuilt only when what it shows changed (waiting times tick by themselves), and never
   * while it is being used (a list open, a number half typed): the supervisor's choice is not undone.
   */
  function update(key, tbody, rows, signature) {
    if (tbody.contains(document.activeElement) || shown[key] === signature) return;
    shown[key] = signature;
    tbody.replaceChildren(...rows());
  }

  const withoutClocks = (items) => JSON.stringify(items, (name, value) =>
    (name === 'waitingSeconds' || name === 'longestWaitSeconds' || name === 'lastSeen' ? undefined : value));

  function render() {
    if (!data) return;
    const teams = data.teams || [];
    const agents = data.agents || [];
    const conversations = data.conversations || [];
    // A team's longest wait may belong to another conversation than last time: those tables follow every change.
    update('teams', ui.teams, () => teams.map(teamRow), JSON.stringify(teams));
    update('agents', ui.agents, () => agents.map(agentRow), JSON.stringify(agents));
    update('conversations', ui.conversations, () => conversations.map(conversationRow), withoutClocks([conversations, agents]));
    ui.empty.hidden = conversations.length > 0;
    setText(ui.updated, `Updated ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`);
    tick();
  }

  function tick() {
    const now = performance.now();
    for (const cell of document.querySelectorAll('#supervisor-view [data-wait-base]')) {
      const seconds = Number(cell.dataset.waitBase) + (now - Number(cell.dataset.waitAt)) / 1000;
      setText(cell, formatWaiting(seconds));
    }
  }

  function teamRow(team) {
    const assignment = el('select', { 'data-test': 'team-assignment', 'aria-label': `How ${team.name} conversations are given out` },
      el('option', { value: 'claim' }, 'Agents claim'),
      el('option', { value: 'auto' }, 'Auto-assign'));
    assignment.value = team.assignment === 'auto' ? 'auto' : 'claim';
    const minutes = el('input', {
      type: 'number', min: 1, max: 43200, step: 1, class: 'num', 'data-test': 'team-minutes',
      'aria-label': `Typical reply time of ${team.name}, in minutes`, value: team.typicalReplyMinutes ?? '',
    });
    const save = el('button', { type: 'button', class: 'btn small', 'data-test': 'team-save' }, 'Save');
    save.addEventListener('click', async () => {
      save.disabled = true;
      try {
        await api.patch(`/api/agent/admin/teams/${encodeURIComponent(team.id)}`,
          { assignment: assignment.value, typicalReplyMinutes: Number(minutes.value) });
        save.blur();
        setText(ui.error, '');
        await refresh();
      } catch (e) {
        if (!onError(e)) setText(ui.error, e.message);
      } finally {
        save.disabled = false;
      }
    });
    const longest = Number(team.longestWaitSeconds) || 0;
    return el('tr', { 'data-test': 'team-row', 'data-team': team.id },
      el('th', { scope: 'row' }, team.name || team.id),
      el('td', { class: 'num' }, String(team.queued ?? 0)),
      team.queued > 0 ? waitCell(longest, { 'data-test': 'team-longest' }) : el('td', { class: 'num muted' }, '—'),
      el('td', { class: 'num' }, String(team.agentsOnline ?? 0)),
      el('td', {}, assignment),
      el('td', {}, minutes),
      el('td', {}, save));
  }

  function agentRow(agent) {
    const load = Number(agent.load) || 0;
    const capacity = Number(agent.capacity) || 0;
    return el('tr', { 'data-test': 'agent-row', 'data-agent': agent.id },
      el('th', { scope: 'row' }, agent.name, agent.role !== 'agent' ? el('span', { class: 'role' }, agent.role) : null),
      el('td', {}, el('span', { class: 'presence-dot', 'data-presence': agent.presence }), PRESENCE[agent.presence] || agent.presence),
      el('td', { class: 'load' },
        el('meter', { min: 0, max: Math.max(1, capacity), value: load, high: Math.max(1, capacity) - 0.5, optimum: 0 }),
        el('span', { 'data-test': 'agent-load' }, `${load} / ${capacity}`)),
      el('td', {}, (agent.teams || []).join(', ')));
  }

  function conversationRow(entry) {
    const agents = (data.agents || []).filter((agent) => !entry.team || (agent.teams || []).includes(entry.team.id))
      .filter((agent) => agent.id !== entry.agentId);
    const choose = el('select', { 'data-test': 'reassign-to', 'aria-label': `Agent to give ${entry.customerName || 'this conversation'} to` },
      ...agents.map((agent) => el('option', { value: agent.id },
        `${agent.name} (${PRESENCE[agent.presence] || agent.presence}, ${agent.load}/${agent.capacity})`)));
    const give = el('button', { type: 'button', class: 'btn small', 'data-test': 'reassign' }, 'Give');
    give.disabled = agents.length === 0;
    choose.disabled = agents.length === 0;
    give.addEventListener('click', async () => {
      give.disabled = true;
      try {
        await api.post(`/api/agent/conversations/${encodeURIComponent(entry.id)}/reassign`, { agentId: choose.value });
        give.blur();
        setText(ui.error, '');
        await refresh();
      } catch (e) {
        if (!onError(e)) setText(ui.error, e.message);
        give.disabled = false;
      }
    });
    const queued = entry.state === 'QUEUED';
    const waiting = Number(entry.waitingSeconds) || 0;
    return el('tr', { 'data-test': 'open-conversation', 'data-conversation-id': entry.id, 'data-state': entry.state },
      el('th', { scope: 'row' }, entry.customerName || 'Visitor'),
      el('td', {}, entry.team ? entry.team.name || entry.team.id : ''),
      el('td', {}, entry.tierName || entry.tier || '', entry.priority ? el('span', { class: 'prio' }, `P${entry.priority}`) : null),
      el('td', {}, el('span', { class: 'state', 'data-state': entry.state }, queued ? 'waiting' : 'with agent')),
      queued ? waitCell(waiting) : el('td', { class: 'muted' }, '—'),
      el('td', { 'data-test': 'held-by' }, entry.assignedAgent || '—'),
      el('td', { class: 'give' }, choose, give));
  }

  return {
    show() {
      refresh();
      clearInterval(refreshTimer);
      clearInterval(tickTimer);
      refreshTimer = setInterval(refresh, REFRESH_MS);
      tickTimer = setInterval(tick, 1000);
    },
    hide() {
      clearInterval(refreshTimer);
      clearInterval(tickTimer);
      refreshTimer = tickTimer = null;
    },
    refresh,
  };
}
