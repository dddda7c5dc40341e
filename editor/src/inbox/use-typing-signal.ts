import { useEffect, useMemo } from 'react';

/** "Typing" at most this often while the agent keeps typing, and "stopped" after this long idle. */
const EVERY_MS = 3000;

/**
 * Turns keystrokes into a few typing signals for the customer's widget: `true` once per burst,
 * `false` when the agent pauses, sends, or leaves the conversation. Best effort: a lost signal
 * only costs the customer a "typing…" line.
 */
export function useTypingSignal(send: ((typing: boolean) => Promise<void>) | undefined) {
  const signal = useMemo(() => {
    let sentAt = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const emit = (typing: boolean) => void send?.(typing).catch(() => {});
    const stop = () => {
      clearTimeout(idle);
      if (!sentAt) return;
      sentAt = 0;
      emit(false);
    };
    return {
      typing() {
        if (!send) return;
        if (Date.now() - sentAt > EVERY_MS) {
          sentAt = Date.now();
          emit(true);
        }
        clearTimeout(idle);
        idle = setTimeout(stop, EVERY_MS);
      },
      stop,
    };
  }, [send]);
  useEffect(() => () => signal.stop(), [signal]);
  return signal;
}
