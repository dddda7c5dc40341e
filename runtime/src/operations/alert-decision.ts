/**
 * How many evaluations in a row must disagree with a rule's state before it changes. One odd
 * reading (a poll that came late, one slow minute) neither fires nor resolves an alert, so a
 * condition that flaps around its threshold does not send a notice at every pass.
 */
export const CONFIRMATIONS = 2;

export type AlertPhase = 'firing' | 'resolved';

export interface StoredPhase {
  state: AlertPhase;
  streak: number;
}

export interface Decision extends StoredPhase {
  /** Set when this evaluation changes the state: which notice is due. */
  changed: 'fired' | 'resolved' | null;
}

/** The next state of a rule from its stored one (none yet: resolved) and whether it is breached now. */
export function decide(
  stored: StoredPhase | null,
  breached: boolean,
  confirmations = CONFIRMATIONS,
): Decision {
  const state = stored?.state ?? 'resolved';
  if (breached === (state === 'firing')) return { state, streak: 0, changed: null };
  const streak = (stored?.streak ?? 0) + 1;
  if (streak < confirmations) return { state, streak, changed: null };
  return breached
    ? { state: 'firing', streak: 0, changed: 'fired' }
    : { state: 'resolved', streak: 0, changed: 'resolved' };
}
