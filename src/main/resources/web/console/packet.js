// The handoff packet and the bot's decision log, as a compact panel above the transcript.
// Both are built from server data, much of it typed by the customer: every string goes in as text (el()),
// and only /kb/ paths and https URLs become links. Any field may be missing, null or empty.

import { el } from './dom.js';
import { formatClock, formatFull, formatNumber, kbHref, explainReason } from './format.js';

const CHANNELS = {
  live_chat: 'Live chat',
  phone_callback: 'Phone callback',
  email: 'Email',
  ticket: 'Ticket',
};

const FRUSTRATION = { none: 'Calm', mild: 'Mildly frustrated', high: 'Very frustrated' };

/** The signals in the order the escalation rules usually name them; unknown ones follow. */
const SIGNAL_ORDER = ['confidence', 'sentiment', 'frustration', 'human_request', 'repeat', 'loop', 'turns',
  'keyword', 'topic', 'sensitive_data'];

const CANDIDATES_SHOWN = 3;

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const list = (value) => (Array.isArray(value) ? value.filter((item) => item !== null && item !== undefined) : []);
const text = (value) => (value === null || value === undefined ? '' : String(value));
const words = (code) => text(code).replace(/_/g, ' ');

/** A link when the url is allowed, else the same text in a span. */
function link(label, url, attributes = {}) {
  const href = kbHref(url);
  return href
    ? el('a', { ...attributes, href, target: '_blank', rel: 'noopener noreferrer' }, label)
    : el('span', attributes, label);
}

/** A labelled block of the summary grid. */
function block(title, body, { test = null, wide = false } = {}) {
  return el('section', { class: `packet-block${wide ? ' packet-block-wide' : ''}`, 'data-test': test },
    el('h2', { class: 'packet-label' }, title),
    body);
}

function emptyNote(message) {
  return el('p', { class: 'packet-empty' }, message);
}

// ---------------------------------------------------------------------------------------------------------------
// Header: who, what about, how upset, where it goes

function customerPart(customer, known) {
  const name = text(customer.name) || text(known.name) || 'Visitor';
  const given = [customer.email, customer.phone].map(text).filter(Boolean);
  const contact = given.length ? given : [known.email, known.phone].map(text).filter(Boolean);
  const node = el('span', { class: 'packet-customer', 'data-test': 'packet-customer' },
    el('strong', { class: 'packet-customer-name' }, name),
    contact.length ? el('span', { class: 'packet-contact' }, contact.join(' · ')) : null,
    customer.accountId ? el('span', { class: 'packet-account', title: 'Account' }, `Account ${text(customer.accountId)}`) : null);
  return node;
}

function orderChips(orderIds) {
  const ids = list(orderIds).map(text).filter(Boolean);
  if (!ids.length) return null;
  return el('span', { class: 'packet-chips', 'aria-label': 'Orders' },
    ...ids.map((id) => el('span', { class: 'chip', title: 'Order number' }, id)));
}

function topicPart(topic) {
  if (!isObject(topic)) return null;
  const label = text(topic.title) || text(topic.id);
  if (!label) return null;
  return el('span', { class: 'packet-topic' },
    el('span', { class: 'packet-key' }, 'Topic'),
    link(label, topic.url));
}

function frustrationBadge(sentiment) {
  const level = isObject(sentiment) ? text(sentiment.frustration) : '';
  if (!level) return null;
  const score = formatNumber(sentiment.score);
  const cues = list(sentiment.cues).map(text).filter(Boolean);
  const title = [score ? `Sentiment ${score}` : '', ...cues].filter(Boolean).join('\n');
  return el('span', {
    class: 'badge-level',
    'data-test': 'packet-frustration',
    'data-level': level,
    title: title || null,
  }, FRUSTRATION[level] || words(level));
}

function tierPart(tier) {
  if (!isObject(tier)) return null;
  const channel = text(tier.channel);
  const minutes = Number(tier.targetMinutes);
  const target = tier.targetMinutes !== null && tier.targetMinutes !== undefined && Number.isFinite(minutes)
    ? `reply within ${minutes} min`
    : '';
  return el('span', {
    class: 'packet-tier',
    'data-test': 'packet-tier',
    'data-channel': channel || null,
    title: tier.team ? `Team: ${text(tier.team)}` : null,
  },
  el('strong', {}, text(tier.name) || text(tier.id) || 'Tier'),
  channel ? el('span', {}, CHANNELS[channel] || words(channel)) : null,
  target ? el('span', {}, target) : null);
}

function header(packet, known) {
  const escalation = isObject(packet.escalation) ? packet.escalation : {};
  const created = text(packet.createdAt);
  return el('div', { class: 'packet-head' },
    el('span', { class: 'packet-title' }, 'Handoff'),
    customerPart(isObject(packet.customer) ? packet.customer : {}, known),
    orderChips(isObject(packet.customer) ? packet.customer.orderIds : null),
    topicPart(packet.topic),
    el('span', { class: 'topbar-spacer' }),
    frustrationBadge(packet.sentiment),
    tierPart(escalation.tier),
    created ? el('time', { class: 'packet-time', datetime: created, title: `Handed off ${formatFull(created)}` },
      formatClock(created)) : null);
}

// ---------------------------------------------------------------------------------------------------------------
// Summary: wants, tried, collected, missing, next

function requestBlock(summary) {
  const request = text(summary.request);
  const body = request
    ? el('blockquote', { class: 'packet-request', 'data-test': 'packet-request', title: request }, request)
    : el('p', { class: 'packet-empty', 'data-test': 'packet-request' }, 'The customer did not say.');
  return block('Customer wants', body, { wide: true });
}

function triedBlock(summary) {
  const tried = list(summary.botTried).filter(isObject);
  if (!tried.length) return block('Bot tried', emptyNote('Nothing yet.'));
  return block('Bot tried', el('ul', { class: 'packet-list' },
    ...tried.map((item) => {
      const label = text(item.title) || text(item.text) || 'An answer';
      return el('li', { title: text(item.text) || null }, link(label, item.url));
    })));
}

function detailsBlock(summary) {
  const details = list(summary.details).filter(isObject);
  if (!details.length) return block('Details collected', emptyNote('None.'));
  return block('Details collected', el('dl', { class: 'packet-details' },
    ...details.flatMap((item) => [
      el('dt', {}, text(item.label) || words(item.field)),
      el('dd', {}, text(item.value)),
    ])));
}

function missingBlock(summary) {
  const missing = list(summary.missing).filter(isObject);
  if (!missing.length) return block('Missing', emptyNote('Nothing.'));
  return block('Missing', el('ul', { class: 'packet-list packet-missing' },
    ...missing.map((item) => el('li', {}, text(item.label) || words(item.field)))));
}

function actionsBlock(actions) {
  const items = list(actions).filter(isObject);
  if (!items.length) return block('Next best actions', emptyNote('No suggestions.'));
  return block('Next best actions', el('ol', { class: 'packet-list packet-actions' },
    ...items.map((item) => el('li', { 'data-kind': text(item.kind) || null },
      item.url ? link(text(item.text) || text(item.url), item.url) : text(item.text)))));
}

// ---------------------------------------------------------------------------------------------------------------
// Why was this escalated?

function signalValue(name, value) {
  if (value === null || value === undefined) return { shown: '—', on: false };
  if (typeof value === 'boolean') return { shown: value ? 'yes' : 'no', on: value };
  if (Array.isArray(value)) return { shown: value.length ? value.map(text).join(', ') : '—', on: value.length > 0 };
  if (typeof value === 'number') return { shown: Number.isInteger(value) ? String(value) : formatNumber(value), on: false };
  if (isObject(value)) return { shown: JSON.stringify(value), on: false };
  return { shown: text(value), on: name === 'frustration' && value === 'high' };
}

/** A two-row table: signal names over their values; values that pushed towards a handoff are marked. */
export function signalsTable(signals) {
  if (!isObject(signals)) return null;
  const names = [...SIGNAL_ORDER.filter((name) => name in signals),
    ...Object.keys(signals).filter((name) => !SIGNAL_ORDER.includes(name))];
  if (!names.length) return null;
  const cells = names.map((name) => ({ name, ...signalValue(name, signals[name]) }));
  return el('table', { class: 'signals' },
    el('thead', {}, el('tr', {}, ...cells.map((cell) => el('th', { scope: 'col' }, words(cell.name))))),
    el('tbody', {}, el('tr', {}, ...cells.map((cell) => el('td', { class: cell.on ? 'is-on' : null }, cell.shown)))));
}

function whySection(packet) {
  const escalation = isObject(packet.escalation) ? packet.escalation : null;
  const sentiment = isObject(packet.sentiment) ? packet.sentiment : null;
  const reason = escalation ? text(escalation.reason) : '';
  const details = el('details', { class: 'packet-more', 'data-test': 'packet-why', 'data-section': 'why' },
    el('summary', {}, 'Why was this escalated?',
      reason ? el('span', { class: 'tag', 'data-reason': reason }, reason) : null));
  if (!escalation) {
    details.append(emptyNote('The bot did not record why.'));
    return details;
  }
  const ruleIndex = Number(escalation.ruleIndex);
  const ruleName = escalation.ruleIndex !== null && escalation.ruleIndex !== undefined && Number.isInteger(ruleIndex)
    ? `Rule ${ruleIndex + 1}`
    : 'Rule';
  const facts = el('dl', { class: 'packet-facts' },
    el('dt', { title: 'Position in the escalation rules of the bot spec' }, ruleName),
    el('dd', {}, escalation.rule ? el('code', {}, text(escalation.rule)) : 'built-in fallback'),
    el('dt', {}, 'Reason'),
    el('dd', {}, reason ? explainReason(reason) : '—'),
    escalation.action ? el('dt', {}, 'Action') : null,
    escalation.action ? el('dd', {}, words(escalation.action)) : null);
  details.append(facts);
  const cues = sentiment ? list(sentiment.cues).map(text).filter(Boolean) : [];
  if (cues.length) {
    details.append(el('p', { class: 'packet-cues' },
      el('span', { class: 'packet-key' }, 'Frustration cues'), cues.join(' · ')));
  }
  const table = signalsTable(escalation.signals);
  if (table) details.append(el('div', { class: 'signals-wrap' }, table));
  return details;
}

// ---------------------------------------------------------------------------------------------------------------
// Public

/**
 * The Handoff panel for a packet, or null when there is none.
 * @param {object} [customer] the conversation's own {name, email, phone}: shown when the packet's are empty
 */
export function renderPacket(packet, customer = null) {
  if (!isObject(packet)) return null;
  const summary = isObject(packet.summary) ? packet.summary : {};
  return el('section', { class: 'packet', 'data-test': 'packet', 'aria-label': 'Handoff' },
    header(packet, isObject(customer) ? customer : {}),
    el('div', { class: 'packet-grid' },
      requestBlock(summary),
      triedBlock(summary),
      detailsBlock(summary),
      missingBlock(summary),
      actionsBlock(packet.nextBestActions)),
    whySection(packet));
}

function candidatesTable(candidates) {
  const shown = list(candidates).filter(isObject).slice(0, CANDIDATES_SHOWN);
  if (!shown.length) return null;
  return el('table', { class: 'candidates' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Candidate'),
      el('th', { scope: 'col', title: 'Fused rank score' }, 'fused'),
      el('th', { scope: 'col', title: 'Semantic similarity' }, 'sem.'),
      el('th', { scope: 'col', title: 'Lexical (BM25) score' }, 'lex.'),
      el('th', { scope: 'col', title: 'Probability of the topic' }, 'topic p'))),
    el('tbody', {}, ...shown.map((candidate) => el('tr', {},
      el('td', {}, link(text(candidate.title) || text(candidate.url) || '—', candidate.url)),
      el('td', {}, formatNumber(candidate.fused)),
      el('td', {}, formatNumber(candidate.semantic)),
      el('td', {}, formatNumber(candidate.lexical, 1)),
      el('td', {}, formatNumber(candidate.topicProbability))))));
}

/** The collapsible "Bot decisions" log, or null when there are no decisions. */
export function renderDecisions(decisions) {
  const items = list(decisions).filter(isObject);
  if (!items.length) return null;
  return el('details', { class: 'packet-more decisions', 'data-test': 'decisions', 'data-section': 'decisions' },
    el('summary', {}, `Bot decisions (${items.length})`),
    el('ol', { class: 'decision-list' }, ...items.map((decision) => {
      const action = text(decision.action);
      const probability = formatNumber(decision.probability);
      const created = text(decision.createdAt);
      return el('li', { class: 'decision', 'data-action': action || null },
        el('div', { class: 'decision-head' },
          decision.seq !== null && decision.seq !== undefined
            ? el('span', { class: 'decision-seq', title: 'Message number' }, `#${text(decision.seq)}`) : null,
          el('span', { class: 'tag decision-action', 'data-action': action || null }, action || '?'),
          probability ? el('span', { class: 'decision-p', title: 'Calibrated probability of the best answer' },
            `p ${probability}`) : null,
          el('span', { class: 'decision-rule' }, text(decision.rule)),
          created ? el('time', { class: 'packet-time', datetime: created, title: formatFull(created) },
            formatClock(created)) : null),
        candidatesTable(decision.candidates));
    })));
}
