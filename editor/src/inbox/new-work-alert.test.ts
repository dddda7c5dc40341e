import { afterEach, describe, expect, it, vi } from 'vitest';
import { playNewWorkSound, useInboxBadge } from './new-work-alert';

afterEach(() => {
  vi.unstubAllGlobals();
  useInboxBadge.setState({ muted: false });
  useInboxBadge.getState().setCount(0);
});

describe('new-work badge and sound', () => {
  it('puts the count in the page title and takes it out again', () => {
    document.title = 'Kefu';
    useInboxBadge.getState().setCount(3);
    expect(document.title).toBe('(3) Kefu');
    useInboxBadge.getState().setCount(12);
    expect(document.title).toBe('(12) Kefu');
    useInboxBadge.getState().setCount(0);
    expect(document.title).toBe('Kefu');
  });

  it('chimes unless muted, and remembers the mute', () => {
    const made: unknown[] = [];
    class FakeAudio {
      currentTime = 0;
      destination = {};
      constructor() {
        made.push(this);
      }
      createOscillator() {
        return { frequency: {}, connect: (n: unknown) => n, start() {}, stop() {} };
      }
      createGain() {
        const gain = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
        return { gain, connect: (n: unknown) => n };
      }
    }
    vi.stubGlobal('AudioContext', FakeAudio);
    useInboxBadge.getState().toggleMute();
    expect(localStorage.getItem('kefu.inbox.muted')).toBe('1');
    playNewWorkSound();
    expect(made).toHaveLength(0);
    useInboxBadge.getState().toggleMute();
    expect(localStorage.getItem('kefu.inbox.muted')).toBe('0');
    playNewWorkSound();
    expect(made).toHaveLength(1);
  });
});
