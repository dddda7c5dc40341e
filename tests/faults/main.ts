/**
 * `npm run faults`: the fault harness. For each target (API, worker, Temporal, the database), a
 * fresh product in separate processes, customers chatting through a reconnecting widget client,
 * SIGKILLs of that target at random moments, then a count per customer message: stored once,
 * handed to its run, answered once. Prints the table (and writes it with --markdown); exits 1 if
 * anything was lost, doubled, left unanswered or stuck. Not part of `npm test`: a full run takes
 * about 20 minutes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseOptions } from './options';
import { runRound, type RoundResult } from './round';
import { buildApps, bundleWorkflows, log } from './system';
import { details, table } from './report';
import { failures } from './tally';

Runtime.install({ logger: new DefaultLogger('WARN') });
// Stopped with Ctrl-C: exit through the 'exit' handlers that kill every process this run started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const options = parseOptions(process.argv.slice(2));
const dir = mkdtempSync(join(tmpdir(), 'kefu-faults-'));
const command = `npm run faults -- ${process.argv.slice(2).join(' ')}`.trim();
const started = new Date();
log(
  `fault harness: ${options.targets.join(', ')}, ${options.kills} kills each, ${options.conversations} conversations; data and logs in ${dir}`,
);
log('building the API and the worker, and bundling the workflows (once per run, as npm start does)…');
buildApps();
const bundlePath = await bundleWorkflows(dir);

const rounds: RoundResult[] = [];
for (const target of options.targets) {
  const roundDir = join(dir, target);
  mkdirSync(roundDir);
  const round = await runRound(target, options, roundDir, bundlePath);
  rounds.push(round);
  if (!failures(round.tally) && !options.keep)
    rmSync(join(roundDir, 'postgres'), { recursive: true, force: true });
  log(`round "${target}" done:\n${table([round])}`);
}

const failed = rounds.some((r) => failures(r.tally) > 0 || r.tally.stuckRuns.length > 0);
const markdown = [
  `Command: \`${command}\``,
  `Run: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round((Date.now() - started.getTime()) / 60_000)} min; ` +
    `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end (the machine is shared).`,
  `Load: ${options.conversations} conversations, each customer typing a message every ${options.messageEveryMs / 1000} s on average; ` +
    `a kill every ${options.killAfterMs.map((ms) => ms / 1000).join('–')} s after replies flow again, the part down ${options.downForMs.map((ms) => ms / 1000).join('–')} s.`,
  '',
  table(rounds),
  '',
  details(rounds),
].join('\n');
console.log(`\n${markdown}`);
if (options.markdown) writeFileSync(options.markdown, `${markdown}\n`);
if (!failed && !options.keep) rmSync(dir, { recursive: true, force: true });
else log(`logs kept in ${dir}`);
process.exit(failed ? 1 : 0);
