// Small text helpers: waiting times, clock times, labels.

const pad = (n) => String(n).padStart(2, '0');

/** 42 → "42 s", 125 → "2 min 05 s", 3720 → "1 h 02 min". */
export function formatWaiting(totalSeconds) {
  const seconds = Math.max(0, Math.floor(Number(totalSeconds) || 0));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${pad(minutes % 60)} min`;
}

function toDate(iso) {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "14:05" today, "12 Mar 14:05" otherwise. */
export function formatClock(iso) {
  const date = toDate(iso);
  if (!date) return '';
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return time;
  return `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

export function formatFull(iso) {
  const date = toDate(iso);
  return date ? date.toLocaleString() : '';
}

const REASONS = {
  human_request: 'The customer asked for a person.',
  low_confidence: 'The bot found no answer it was confident about.',
  frustration: 'The customer is frustrated.',
  keyword: 'The customer used a word the bot spec escalates on.',
  repeat: 'The customer asked the same thing again.',
  loop: 'The bot was about to repeat an answer.',
  sensitive_data: 'The customer shared personal data.',
  output_blocked: 'The output guard stopped what the bot was about to say; the decision log names the rule.',
};

/** A sentence explaining a handoff reason code. */
export function explainReason(reason) {
  if (!reason) return '';
  return REASONS[reason] || `Handed off: ${String(reason).replace(/_/g, ' ')}.`;
}

/** Only same-site paths and http(s) links become hrefs; anything else (javascript:, data:) stays text. */
export function safeHref(url) {
  if (typeof url !== 'string' || url === '') return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const parsed = new URL(url, location.origin);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Stricter than safeHref, for links that came out of the bot's packet: only help-centre paths (/kb/…) and
 * https URLs become links; anything else is shown as text.
 */
export function kbHref(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith('/kb/')) return url;
  if (!url.startsWith('https://')) return null;
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}

/** 0.934 → "0.93"; null and non-numbers → "". */
export function formatNumber(value, digits = 2) {
  const number = Number(value);
  return value === null || value === undefined || value === '' || !Number.isFinite(number)
    ? ''
    : number.toFixed(digits);
}
