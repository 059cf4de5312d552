// Baton analytics dashboard. Reads GET /api/agent/analytics (same-origin session cookie) and renders
// the key measures, charts (Chart.js, loaded from its WebJar as window.Chart), suggestions and every
// table with its CSV link. A click on a bar or a number lists the conversations behind it.
// All text goes in with textContent; every value shown keeps the API's raw value in data-value, so
// what the page shows can be checked against the API.

const Chart = window.Chart;

const KPIS = [
  ['conversations', 'Conversations', 'count'],
  ['automationRate', 'Automation rate', 'rate'],
  ['handoffRate', 'Handoff rate', 'rate'],
  ['fallbackShare', 'Fell back to email/ticket', 'rate'],
  ['firstResponseP50Seconds', 'First human reply p50', 'seconds'],
  ['firstResponseP90Seconds', 'First human reply p90', 'seconds'],
  ['queueWaitP90Seconds', 'Queue wait p90', 'seconds'],
  ['resolutionP50Seconds', 'Resolution p50', 'seconds'],
  ['repeatBeforeHandoffRate', 'Repeats before handoff', 'rate'],
  ['failedClarificationRate', 'Failed clarifications', 'rate'],
  ['answerHandoffRate', 'Answers then handoff', 'rate'],
  ['csat', 'Satisfaction (good)', 'rate'],
];

const charts = new Map(); // canvas id -> Chart
let lastReport = null;

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function format(value, kind) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value);
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'seconds') {
    if (value < 120) return `${value} s`;
    if (value < 7200) return `${(value / 60).toFixed(1)} min`;
    return `${(value / 3600).toFixed(1)} h`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

function kindOf(column) {
  if (/Seconds$/.test(column)) return 'seconds';
  if (/(Rate|rate|share|Share|csat)$/.test(column)) return 'rate';
  return 'count';
}

function filters() {
  const params = new URLSearchParams();
  for (const name of ['from', 'to', 'channel', 'tier', 'topic', 'team']) {
    const value = document.getElementById(name).value;
    if (value) params.set(name, value);
  }
  return params;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.error?.message || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function table(report, name) {
  return report.tables.find((candidate) => candidate.name === name);
}

// Keeps the choices a filter had and adds the keys the report shows, so a narrowed report does not
// take away the way back.
function offer(select, values) {
  const present = new Set([...select.options].map((option) => option.value));
  for (const value of values) {
    if (value && value !== 'none' && !present.has(value)) {
      select.appendChild(element('option', { value }, value));
      present.add(value);
    }
  }
}

function renderKpis(report) {
  const box = document.getElementById('kpis');
  box.replaceChildren();
  for (const [measure, label, kind] of KPIS) {
    const value = report.summary[measure];
    const button = element('button', { type: 'button', class: 'kpi', 'data-measure': measure, 'data-value': JSON.stringify(value ?? null) });
    button.append(element('span', { class: 'label' }, label), element('span', { class: 'value' }, format(value, kind)));
    button.addEventListener('click', () => drill('summary', measure, label));
    box.appendChild(button);
  }
}

function renderSuggestions(report) {
  const list = document.getElementById('suggestions');
  list.replaceChildren();
  const rows = table(report, 'suggestions').rows;
  if (rows.length === 0) {
    list.appendChild(element('li', { class: 'muted' }, 'Nothing stands out in this range (see docs/analytics.md for the thresholds).'));
    return;
  }
  for (const row of rows) {
    const item = element('li', { 'data-suggestion': row.key });
    const link = element('button', { type: 'button', class: 'link' }, row.values.text);
    link.addEventListener('click', () => drill('suggestions', row.key, row.values.subject));
    item.appendChild(link);
    list.appendChild(item);
  }
}

function renderCharts(report) {
  for (const canvas of document.querySelectorAll('canvas[data-table]')) {
    const source = table(report, canvas.dataset.table);
    const column = canvas.dataset.column;
    const rows = source.rows;
    const data = {
      labels: rows.map((row) => row.key),
      datasets: [{ label: column, data: rows.map((row) => row.values[column] ?? 0), backgroundColor: '#1f6f5c', borderRadius: 3 }],
    };
    const existing = charts.get(canvas.id);
    if (existing) {
      existing.data = data;
      existing.update('none');
      continue;
    }
    const rate = kindOf(column) === 'rate';
    charts.set(canvas.id, new Chart(canvas, {
      type: 'bar',
      data,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ...(rate ? { max: 1, ticks: { callback: (value) => `${Math.round(value * 100)}%` } } : { ticks: { precision: 0 } }) } },
        onClick: (event, elements, chart) => {
          if (elements.length === 0) return;
          const key = chart.data.labels[elements[0].index];
          drill(canvas.dataset.table, key, `${canvas.closest('figure').querySelector('figcaption').textContent}: ${key}`);
        },
      },
    }));
  }
}

function csvHref(name, extra) {
  const params = filters();
  for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
  const query = params.toString();
  return `/api/agent/analytics/${encodeURIComponent(name)}.csv${query ? `?${query}` : ''}`;
}

function renderTables(report) {
  const box = document.getElementById('tables');
  box.replaceChildren();
  for (const source of report.tables) {
    const card = element('section', { class: 'card', 'data-table': source.name });
    const head = element('div', { class: 'table-head' });
    head.appendChild(element('h3', {}, source.title));
    const link = element('a', { href: csvHref(source.name), 'data-csv': source.name, download: `baton-${source.name}.csv` }, 'CSV');
    head.appendChild(link);
    card.appendChild(head);
    const grid = element('table');
    const headRow = element('tr');
    headRow.appendChild(element('th', { scope: 'col' }, 'key'));
    for (const column of source.columns) headRow.appendChild(element('th', { scope: 'col' }, column));
    grid.appendChild(element('thead')).appendChild(headRow);
    const body = element('tbody');
    for (const row of source.rows) {
      const line = element('tr', { 'data-key': row.key });
      const keyCell = element('td', { class: 'key', 'data-value': JSON.stringify(row.key), title: row.key });
      const keyLink = element('button', { type: 'button', class: 'link' }, row.key);
      keyLink.addEventListener('click', () => drill(source.name, row.key, `${source.title}: ${row.key}`));
      keyCell.appendChild(keyLink);
      line.appendChild(keyCell);
      for (const column of source.columns) {
        const value = row.values[column];
        line.appendChild(element('td', { 'data-value': JSON.stringify(value ?? null) }, format(value, kindOf(column))));
      }
      body.appendChild(line);
    }
    grid.appendChild(body);
    if (source.rows.length === 0) card.appendChild(element('p', { class: 'muted' }, 'No rows in this range.'));
    const scroll = element('div', { class: 'scroll' });
    scroll.appendChild(grid);
    card.appendChild(scroll);
    box.appendChild(card);
  }
}

async function drill(measure, key, title) {
  const params = filters();
  params.set('measure', measure);
  params.set('key', key);
  const section = document.getElementById('drill');
  const grid = document.getElementById('drill-table');
  document.getElementById('drill-title').textContent = `Conversations behind ${title}`;
  document.getElementById('drill-csv').href = `/api/agent/analytics/conversations?${params}&format=csv`;
  section.hidden = false;
  grid.replaceChildren();
  try {
    const result = await getJson(`/api/agent/analytics/conversations?${params}`);
    const columns = ['id', 'channel', 'state', 'createdAt', 'topic', 'tier', 'team', 'handedOff', 'rating'];
    const headRow = element('tr');
    for (const column of columns) headRow.appendChild(element('th', { scope: 'col' }, column));
    grid.appendChild(element('thead')).appendChild(headRow);
    const body = element('tbody');
    for (const conversation of result.conversations) {
      const line = element('tr', { 'data-conversation': conversation.id });
      for (const column of columns) line.appendChild(element('td', {}, format(conversation[column])));
      body.appendChild(line);
    }
    grid.appendChild(body);
    section.dataset.count = String(result.conversations.length);
    section.scrollIntoView({ block: 'nearest' });
  } catch (error) {
    grid.appendChild(element('caption', {}, error.message));
  }
}

async function load() {
  const status = document.getElementById('status');
  status.textContent = 'Loading…';
  document.body.dataset.state = 'loading';
  let report;
  try {
    report = await getJson(`/api/agent/analytics?${filters()}`);
  } catch (error) {
    if (error.status === 401) {
      showLogin();
      return;
    }
    status.textContent = error.message;
    document.body.dataset.state = 'error';
    return;
  }
  lastReport = report;
  offer(document.getElementById('channel'), table(report, 'handoffsByChannel').rows.map((row) => row.key));
  offer(document.getElementById('tier'), table(report, 'handoffsByTier').rows.map((row) => row.key));
  offer(document.getElementById('topic'), table(report, 'topics').rows.map((row) => row.key));
  renderKpis(report);
  renderSuggestions(report);
  renderCharts(report);
  renderTables(report);
  status.textContent = `Conversations started ${report.range.from.slice(0, 10)} to ${document.getElementById('to').value || 'now'}; computed ${report.computedAt.slice(0, 19).replace('T', ' ')} UTC`;
  document.body.dataset.state = 'ready';
}

function showLogin() {
  document.getElementById('dashboard').hidden = true;
  document.getElementById('login-view').hidden = false;
  document.getElementById('login-email').focus();
}

async function login(event) {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const response = await fetch('/api/agent/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ email: document.getElementById('login-email').value, password: document.getElementById('login-password').value }),
  });
  if (!response.ok) {
    error.textContent = 'Wrong email or password.';
    return;
  }
  document.getElementById('login-view').hidden = true;
  document.getElementById('dashboard').hidden = false;
  await loadTeams().catch(() => {});
  await load();
}

async function loadTeams() {
  const teams = await getJson('/api/agent/teams');
  offer(document.getElementById('team'), teams.teams.map((team) => team.id));
}

async function start() {
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 24 * 3600 * 1000);
  document.getElementById('from').value = monthAgo.toISOString().slice(0, 10);
  document.getElementById('to').value = today.toISOString().slice(0, 10);
  try {
    await loadTeams();
  } catch (error) {
    if (error.status === 401) {
      showLogin();
      return;
    }
  }
  document.getElementById('dashboard').hidden = false;
  await load();
}

document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
for (const name of ['channel', 'tier', 'topic', 'team', 'from', 'to']) {
  document.getElementById(name).addEventListener('change', () => load());
}
document.getElementById('login-form').addEventListener('submit', login);
document.getElementById('drill-close').addEventListener('click', () => {
  document.getElementById('drill').hidden = true;
});
window.batonAnalytics = { report: () => lastReport };
start();
