// Telling the agent that a conversation was given to them: a short chime (Web Audio, nothing downloaded),
// a count in the tab title, and a desktop notification when the browser allows it.
//
// Browsers allow sound and the notification prompt only after the person has used the page, so both are
// set up on the first click or key press (prime). Until then the title and the count still work.

const CHIME_NOTES = [880, 1175]; // A5 then D6: short, rising, easy to tell from a chat tone

export function createAlerts({ baseTitle }) {
  let audio = null;
  let primed = false;
  let count = 0;
  let extra = 0; // other things worth a look (e.g. new conversations waiting), shown in the title only

  function prime() {
    if (primed) return;
    primed = true;
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (AudioContext) {
      try {
        audio = new AudioContext();
      } catch {
        audio = null;
      }
    }
    if ('Notification' in window && Notification.permission === 'default') {
      try {
        const asked = Notification.requestPermission();
        if (asked && typeof asked.catch === 'function') asked.catch(() => {});
      } catch {
        // very old browsers take a callback instead; no notification then
      }
    }
  }

  function chime() {
    if (!audio) return;
    try {
      if (audio.state === 'suspended') audio.resume();
      const start = audio.currentTime + 0.01;
      CHIME_NOTES.forEach((frequency, index) => {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        const at = start + index * 0.16;
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.16);
      });
    } catch {
      // sound is a courtesy; the title and the list still show the assignment
    }
  }

  function notify(title, body, onClick) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    try {
      // Plain text only: the Notification API never renders markup.
      const notification = new Notification(title, { body, tag: 'baton-assignment', renotify: true });
      notification.onclick = () => {
        window.focus();
        notification.close();
        if (onClick) onClick();
      };
    } catch {
      // some browsers allow notifications only from a service worker
    }
  }

  function render() {
    document.body.dataset.alertCount = String(count);
    const shown = count + extra;
    document.title = shown > 0 ? `(${shown}) ${baseTitle}` : baseTitle;
  }

  render();
  return {
    prime,
    /** A conversation was given to me: sound, notification, count up. */
    assigned(customerName, onClick) {
      count += 1;
      render();
      chime();
      notify('New conversation for you', `${customerName || 'A customer'} is waiting for your reply.`, onClick);
    },
    /** The number of assignments not yet looked at, e.g. after opening one. */
    setCount(value) {
      count = Math.max(0, value);
      render();
    },
    setExtra(value) {
      extra = Math.max(0, value);
      render();
    },
    reset() {
      count = 0;
      extra = 0;
      render();
    },
  };
}
