/** The rounds as the markdown table docs/faults.md shows, and the failures behind any non-zero figure. */
import type { RoundResult } from './round';
import { failures } from './tally';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function recovery(r: RoundResult): string {
  const known = r.recoveries.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  const never = r.recoveries.length - known.length;
  const parts: string[] = [];
  if (known.length)
    parts.push(
      `median ${seconds(known[Math.floor(known.length / 2)]!)}, max ${seconds(known[known.length - 1]!)}`,
    );
  if (never) parts.push(`**${never} kill(s) with no reply for ${RECOVERY_NOTE}**`);
  parts.push(
    r.backlogClearedMs === null
      ? '**never quiet**'
      : `all answered ${seconds(r.backlogClearedMs)} after the load ended`,
  );
  return parts.join('; ');
}
const RECOVERY_NOTE = '3 min';

export function table(rounds: RoundResult[]): string {
  const lines = [
    '| SIGKILL of | kills | customer messages | lost | duplicated | not handed to the run | replies missing | replies doubled | welcomes missing / doubled | stuck runs | time to recover (kill → replies again) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rounds) {
    const t = r.tally;
    lines.push(
      `| ${label(r.target)} | ${r.kills} | ${t.sent} | ${t.lost.length} | ${t.duplicated.length} | ${t.notHandedOver.length} | ` +
        `${t.repliesMissing.length} | ${t.repliesDoubled.length} | ${t.welcomesMissing.length} / ${t.welcomesDoubled.length} | ` +
        `${t.stuckRuns.length} | ${recovery(r)} |`,
    );
  }
  return lines.join('\n');
}

function label(target: RoundResult['target']): string {
  return {
    api: 'the API',
    worker: 'the worker',
    temporal: 'Temporal',
    database: 'the database (FerretDB)',
    postgres: 'PostgreSQL',
  }[target];
}

/** What each failure was, by message, and what else happened (parts that died on their own). */
export function details(rounds: RoundResult[]): string {
  const out: string[] = [];
  for (const r of rounds) {
    const t = r.tally;
    const notes: string[] = [];
    const list = (name: string, items: string[]) => {
      if (items.length)
        notes.push(
          `- ${name} (${items.length}): ${items.slice(0, 10).join('; ')}${items.length > 10 ? '; …' : ''}`,
        );
    };
    list('lost', t.lost);
    list('duplicated', t.duplicated);
    list('not handed to the run', t.notHandedOver);
    list('replies missing', t.repliesMissing);
    list('replies doubled', t.repliesDoubled);
    list('welcomes missing', t.welcomesMissing);
    list('welcomes doubled', t.welcomesDoubled);
    list('customers moved to a new conversation', t.conversationsSplit);
    notes.push(
      `- the widgets reconnected ${t.reconnects} times, re-sent a message ${t.resent} times and found ` +
        `${t.foundInHistory} unacknowledged messages in a resumed history`,
    );
    if (t.unacknowledged) notes.push(`- messages still unacknowledged in the widgets: ${t.unacknowledged}`);
    for (const [part, n] of r.unexpectedExits)
      notes.push(`- ${part} exited on its own ${n} time(s) and was restarted`);
    out.push(`${label(r.target)} (${failures(t) ? `logs in ${r.dir}` : 'no failures'}):`, ...notes, '');
  }
  return out.join('\n');
}
