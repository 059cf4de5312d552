// The Agents board: everyone's role, capacity, skills and teams, changed in place, and a form to add an
// agent. Admins change anything; supervisors change what routing uses (capacity, skills, teams), as the
// API allows. Names and emails go in as text only (el()).

import { el, byId, setText } from './dom.js';

const ROLES = ['agent', 'supervisor', 'admin'];
const PRESENCE = { online: 'Online', away: 'Away', offline: 'Offline' };

const skillList = (text) => String(text || '').split(',').map((skill) => skill.trim().toLowerCase()).filter(Boolean);
const sameList = (a, b) => a.length === b.length && a.every((item, index) => item === b[index]);

export function createAdmin({ api, onError, isAdmin }) {
  const ui = {
    agents: byId('admin-agents'),
    error: byId('admin-error'),
    form: byId('admin-create'),
    name: byId('new-name'),
    email: byId('new-email'),
    password: byId('new-password'),
    role: byId('new-role'),
    capacity: byId('new-capacity'),
    skills: byId('new-skills'),
    teams: byId('new-teams'),
    createError: byId('admin-create-error'),
  };
  let teams = [];

  function teamChecks(selected, label) {
    return el('span', { class: 'checks', role: 'group', 'aria-label': label },
      ...teams.map((team) => {
        const box = el('input', { type: 'checkbox', value: team.id, 'data-test': `team-${team.id}` });
        box.checked = selected.includes(team.id);
        return el('label', { class: 'check' }, box, team.name);
      }));
  }

  const checked = (container) => [...container.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);

  async function refresh() {
    try {
      const body = await api.get('/api/agent/admin/agents');
      teams = Array.isArray(body.teams) ? body.teams : [];
      setText(ui.error, '');
      if (!ui.agents.contains(document.activeElement)) ui.agents.replaceChildren(...(body.agents || []).map(agentRow));
      if (!ui.form.contains(document.activeElement)) ui.teams.replaceChildren(teamChecks([], 'Teams of the new agent'));
    } catch (e) {
      if (!onError(e)) setText(ui.error, e.message);
    }
  }

  function agentRow(agent) {
    const role = el('select', { 'data-test': 'agent-role', 'aria-label': `Role of ${agent.name}` },
      ...ROLES.map((value) => el('option', { value }, value)));
    role.value = agent.role;
    role.disabled = !isAdmin();
    role.title = isAdmin() ? '' : 'Only admins change roles';
    const capacity = el('input', { type: 'number', min: 0, max: 100, class: 'num', value: agent.capacity,
      'data-test': 'agent-capacity', 'aria-label': `Capacity of ${agent.name}` });
    const skills = el('input', { value: (agent.skills || []).join(', '), 'data-test': 'agent-skills',
      'aria-label': `Skills of ${agent.name}`, placeholder: 'none' });
    const teamBoxes = teamChecks(agent.teams || [], `Teams of ${agent.name}`);
    const save = el('button', { type: 'button', class: 'btn small', 'data-test': 'agent-save' }, 'Save');
    const status = el('span', { class: 'row-status', role: 'status' });
    save.addEventListener('click', async () => {
      // Only what changed goes out: a supervisor's save must not carry a role field they may not send.
      const change = {};
      if (isAdmin() && role.value !== agent.role) change.role = role.value;
      if (Number(capacity.value) !== agent.capacity) change.capacity = Number(capacity.value);
      if (!sameList(skillList(skills.value), agent.skills || [])) change.skills = skillList(skills.value);
      const newTeams = checked(teamBoxes);
      if (!sameList([...newTeams].sort(), [...(agent.teams || [])].sort())) change.teams = newTeams;
      if (Object.keys(change).length === 0) {
        setText(status, 'No change');
        return;
      }
      save.disabled = true;
      try {
        const body = await api.patch(`/api/agent/admin/agents/${encodeURIComponent(agent.id)}`, change);
        Object.assign(agent, body.agent || {});
        setText(status, 'Saved');
        setText(ui.error, '');
      } catch (e) {
        if (!onError(e)) setText(status, e.message);
      } finally {
        save.disabled = false;
      }
    });
    return el('tr', { 'data-test': 'admin-agent-row', 'data-email': agent.email, 'data-agent': agent.id },
      el('th', { scope: 'row' }, el('span', { class: 'agent-cell' }, agent.name), el('span', { class: 'muted small' }, agent.email)),
      el('td', {}, role),
      el('td', {}, capacity),
      el('td', {}, skills),
      el('td', {}, teamBoxes),
      el('td', {}, `${PRESENCE[agent.presence] || agent.presence} · ${agent.load}/${agent.capacity}`),
      el('td', { class: 'give' }, save, status));
  }

  async function create(event) {
    event.preventDefault();
    setText(ui.createError, '');
    const body = {
      name: ui.name.value.trim(),
      email: ui.email.value.trim(),
      password: ui.password.value,
      role: ui.role.value,
      capacity: Number(ui.capacity.value),
      skills: skillList(ui.skills.value),
      teams: checked(ui.teams),
    };
    if (!body.name || !body.email || body.password.length < 12) {
      setText(ui.createError, 'Give a name, an email and a password of at least 12 characters.');
      return;
    }
    const submit = ui.form.querySelector('[type=submit]');
    submit.disabled = true;
    try {
      await api.post('/api/agent/admin/agents', body);
      ui.form.reset();
      document.activeElement.blur();
      setText(ui.createError, `${body.name} can log in now.`);
      await refresh();
    } catch (e) {
      if (!onError(e)) setText(ui.createError, e.message);
    } finally {
      submit.disabled = false;
    }
  }

  ui.form.addEventListener('submit', create);

  return {
    show() {
      ui.form.hidden = !isAdmin();
      refresh();
    },
    hide() {},
    refresh,
  };
}
