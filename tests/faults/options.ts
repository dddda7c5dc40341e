import { targets, type Target } from './system';

export interface Options {
  /** One round per target, in this order. */
  targets: Target[];
  kills: number;
  conversations: number;
  /** Each customer types a message every this many ms on average (uniform 0.5×–1.5×). */
  messageEveryMs: number;
  /** Load between a restart and the next kill: uniform in this range. */
  killAfterMs: [number, number];
  /** How long a killed part stays down before it is started again: uniform in this range. */
  downForMs: [number, number];
  /** How long to wait, after the load stops, for every message to be answered. */
  quietDeadlineMs: number;
  /** Where the markdown table goes (besides stdout). */
  markdown?: string;
  keep: boolean;
}

const usage = `npm run faults -- [--target api|worker|temporal|database|postgres[,…]] [--kills N]
  [--conversations N] [--message-every MS] [--quiet-deadline S] [--markdown FILE] [--keep]

Defaults: --target api,worker,temporal,database --kills 20 --conversations 20 --message-every 6000
--quiet-deadline 600. "database" is FerretDB; "postgres" (the cluster under it) only when asked for.
--kills 0 is a baseline: 30 s of load with no kill.`;

export function parseOptions(argv: string[]): Options {
  const options: Options = {
    targets: ['api', 'worker', 'temporal', 'database'],
    kills: 20,
    conversations: 20,
    messageEveryMs: 6000,
    killAfterMs: [2000, 8000],
    downForMs: [300, 3000],
    quietDeadlineMs: 600_000,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) fail(`${flag} needs a whole number`);
      return n;
    };
    if (flag === '--target' || flag === '--targets') {
      const names = value().split(',');
      for (const name of names)
        if (!(targets as readonly string[]).includes(name)) fail(`unknown target ${name}`);
      options.targets = names as Target[];
    } else if (flag === '--kills') options.kills = count();
    else if (flag === '--conversations') options.conversations = Math.max(1, count());
    else if (flag === '--message-every') options.messageEveryMs = Math.max(100, count());
    else if (flag === '--quiet-deadline') options.quietDeadlineMs = count() * 1000;
    else if (flag === '--markdown') options.markdown = value();
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(usage);
      process.exit(0);
    } else fail(`unknown option ${flag}`);
  }
  return options;
}

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}
