/** Latency summary of one scenario. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

export function summarize(latenciesMs: number[], seconds: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    perSecond: sorted.length / seconds,
  };
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '—');
export const ratio = (ours: number, floor: number) => (floor > 0 ? `${(ours / floor).toFixed(2)}×` : '—');

/** Runs `conversations` loops side by side for `seconds`, each awaiting one round trip at a time. */
export async function closedLoop(
  conversations: number,
  seconds: number,
  roundTrip: (conversation: number, n: number) => Promise<void>,
): Promise<Summary> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        await roundTrip(c, n);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000);
}

export interface SampleLimits {
  /** Keep going until this many round trips and minSeconds have passed… */
  minSamples: number;
  minSeconds: number;
  /** …but stop after this long, however few (a path that takes minutes per call gets a few). */
  maxSeconds: number;
}

/**
 * One round trip at a time (closed loop, one client) within the limits. The first call warms up
 * and is not counted, unless it took over a second: that slow, it is not a cold cache but the path.
 */
export async function sampleUntil(roundTrip: () => Promise<unknown>, limits: SampleLimits): Promise<Summary> {
  const started = performance.now();
  await roundTrip();
  const warmUp = performance.now() - started;
  const latencies: number[] = warmUp > 1000 ? [warmUp] : [];
  for (;;) {
    const elapsed = (performance.now() - started) / 1000;
    const enough =
      (latencies.length >= limits.minSamples && elapsed >= limits.minSeconds) || elapsed >= limits.maxSeconds;
    if (enough && latencies.length > 0) return summarize(latencies, elapsed);
    const t0 = performance.now();
    await roundTrip();
    latencies.push(performance.now() - t0);
  }
}
