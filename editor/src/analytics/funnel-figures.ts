import type { FunnelNode } from '@kefu/schemas/api';

/** Runs that dropped off at a node as a share of those that entered it; null when none entered. */
export const dropShare = (n: Pick<FunnelNode, 'dropped' | 'entered'>): number | null =>
  n.entered ? n.dropped / n.entered : null;

export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** Seconds as a short duration: 42 s, 3 min 5 s, 2 h 10 min. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** The heat scale's steps, pale to deep (a sequential blue, readable printed and for colour-blind readers). */
export const HEAT_STEPS = ['#eff6ff', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'] as const;

/** The colour of a node entered by `share` of the version's runs (0…1). */
export function heatColour(share: number): string {
  const i = Math.min(HEAT_STEPS.length - 1, Math.floor(Math.max(0, share) * HEAT_STEPS.length));
  return HEAT_STEPS[i]!;
}

/** Text colour readable on a heat step. */
export const heatInk = (share: number) => (share >= 0.6 ? '#ffffff' : '#0f172a');

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
