// The suggested-knowledge review page: list, edit, approve and reject what agents marked reusable.
// Text goes into the page only through textContent and form values, never as HTML.

import { createApi } from './api.js';

const statusLine = document.getElementById('status');
const list = document.getElementById('list');
const filter = document.getElementById('state-filter');
const template = document.getElementById('suggestion-template');
// The console's own API client: CSRF header, JSON errors, and one retry on a stale CSRF token.
const api = createApi();

function say(text) {
  statusLine.textContent = text;
}

function phrasingsOf(textarea) {
  return textarea.value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
}

function describe(suggestion) {
  const when = new Date(suggestion.createdAt).toLocaleString();
  const parts = [`${suggestion.state}`, `proposed ${when}`];
  if (suggestion.reviewedAt) parts.push(`reviewed ${new Date(suggestion.reviewedAt).toLocaleString()}`);
  return parts.join(' · ');
}

function render(suggestion) {
  const item = template.content.firstElementChild.cloneNode(true);
  const form = item.querySelector('form');
  const id = suggestion.id;
  const fields = {
    question: form.elements.namedItem('question'),
    phrasings: form.elements.namedItem('phrasings'),
    answer: form.elements.namedItem('answer'),
  };
  for (const [name, field] of Object.entries(fields)) {
    field.id = `${name}-${id}`;
    field.closest('.field').querySelector('label').htmlFor = field.id;
  }
  fields.question.value = suggestion.question;
  fields.phrasings.value = suggestion.phrasings.join('\n');
  fields.answer.value = suggestion.answer;
  item.querySelector('.suggestion-meta').textContent = describe(suggestion);
  const error = item.querySelector('.suggestion-error');
  const link = item.querySelector('.suggestion-link');
  if (suggestion.url) {
    link.href = suggestion.url;
    link.hidden = false;
  }
  const rejected = suggestion.state === 'rejected';
  for (const field of Object.values(fields)) field.disabled = rejected;
  form.querySelector('[data-action="save"]').hidden = rejected;
  form.querySelector('[data-action="approve"]').hidden = suggestion.state !== 'proposed';
  const reject = form.querySelector('[data-action="reject"]');
  reject.hidden = rejected;
  if (suggestion.state === 'approved') reject.textContent = 'Withdraw';

  async function act(label, work) {
    error.hidden = true;
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    try {
      await work();
      await load(label);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      for (const button of form.querySelectorAll('button')) button.disabled = false;
    }
  }

  const save = () => api.patch(`/api/agent/knowledge/suggestions/${id}`, {
    question: fields.question.value,
    phrasings: phrasingsOf(fields.phrasings),
    answer: fields.answer.value,
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act('Saved.', save);
  });
  form.querySelector('[data-action="approve"]').addEventListener('click', () => act('Approved: the bot answers with it now.', async () => {
    await save();
    await api.post(`/api/agent/knowledge/suggestions/${id}/approve`);
  }));
  reject.addEventListener('click', () => act(suggestion.state === 'approved' ? 'Withdrawn: the bot no longer answers with it.' : 'Rejected.', () =>
    api.post(`/api/agent/knowledge/suggestions/${id}/reject`)));
  return item;
}

/** Shows the list; `done` (what the last action did) comes first in the status line, so it is not lost. */
async function load(done) {
  const state = filter.value;
  const data = await api.get(`/api/agent/knowledge/suggestions?state=${encodeURIComponent(state)}`);
  list.replaceChildren(...data.suggestions.map(render));
  const count = data.suggestions.length;
  const shown = count === 0 ? (state === 'proposed' ? 'Nothing waiting for review.' : 'None.') : `${count} shown.`;
  say(done ? `${done} ${shown}` : shown);
}

async function start() {
  try {
    const me = await api.get('/api/agent/me');
    api.setCsrfToken(me.csrfToken);
    await load();
  } catch (e) {
    if (e.status === 401) {
      say('Log in to the console first, then come back to this page.');
    } else if (e.status === 403) {
      say('Only supervisors and admins review suggested knowledge.');
    } else {
      say(e.message);
    }
  }
}

filter.addEventListener('change', () => {
  say('Loading…');
  load().catch((e) => say(e.message));
});
start();
