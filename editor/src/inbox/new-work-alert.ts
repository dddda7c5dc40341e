import { create } from 'zustand';

interface InboxBadge {
  /** Conversations waiting for me plus unread messages in mine. */
  count: number;
  muted: boolean;
  setCount(count: number): void;
  toggleMute(): void;
}

const MUTE_KEY = 'kefu.inbox.muted';

/** The nav badge, the page title's "(3)" and the mute switch for the new-work sound. */
export const useInboxBadge = create<InboxBadge>((set) => ({
  count: 0,
  muted: typeof localStorage !== 'undefined' && localStorage.getItem(MUTE_KEY) === '1',
  setCount(count) {
    set({ count });
    if (typeof document !== 'undefined') {
      const base = document.title.replace(/^\(\d+\) /, '');
      document.title = count > 0 ? `(${count}) ${base}` : base;
    }
  },
  toggleMute() {
    set((s) => {
      localStorage.setItem(MUTE_KEY, s.muted ? '0' : '1');
      return { muted: !s.muted };
    });
  },
}));

let audio: AudioContext | null = null;

/** A short two-tone chime made on the spot (no audio file to ship), unless muted. */
export function playNewWorkSound() {
  if (useInboxBadge.getState().muted || typeof AudioContext === 'undefined') return;
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.12, now + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.12 + 0.1);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.12);
      osc.stop(now + i * 0.12 + 0.11);
    }
  } catch {
    // Browsers refuse audio before the first user gesture; the badge still shows.
  }
}
