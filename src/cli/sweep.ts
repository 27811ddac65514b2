// `sweep FILE... --rules R.json --model KIND --grid hidden=16,32 dropout=0,0.3 [--random N --seed S] [--repeats R]
// [--epochs ...] [--workers N] [--json]`: trains every point of a hyperparameter sweep on one split and prints one row
// per point. With --workers N > 1, N worker threads train whole runs side by side (same rows as one after another).
// Ctrl-C stops after the current batch (ending the threads) and still prints the rows finished so far.

import { formatEstimate } from '../core/evaluation';
import type { Hyperparameters } from '../core/models';
import { prepareTrainingData } from '../core/runs';
import { describeError } from '../core/errors';
import { parseSweepSpace, planSweep, type SweepPlan, type SweepResult } from '../core/sweeps';
import { checkTrainWorkers } from '../core/training';
import {
  InputError,
  UsageError,
  numberFlag,
  parseArgs,
  printJson,
  stringFlag,
  type ParsedArgs,
} from './args';
import type { Command } from './commands';
import { loadFiles } from './loadFiles';
import { startNodeBackend } from './nodeBackend';
import { runSweepOnThreads } from './jobThreads';
import { defaultTrainWorkerCount } from './trainReplicas';
import {
  HYPERPARAMETER_FLAGS,
  readHyperparameters,
  readKind,
  readSetup,
  SETUP_SWITCHES,
  SETUP_VALUE_FLAGS,
} from './trainOptions';

// the base settings of every point: any hyperparameter flag, checked like train's (the swept ones come from --grid)
const VALUE_FLAGS = [
  'model',
  'random',
  'repeats',
  'workers',
  ...HYPERPARAMETER_FLAGS,
  ...SETUP_VALUE_FLAGS,
  'backend',
];
const BOOL_FLAGS = ['json', ...SETUP_SWITCHES, 'quiet'];

/** Takes `--grid a=… b=…` out of argv: every name=values token after --grid belongs to it. */
export function takeGrid(argv: readonly string[]): { grid: string[]; rest: string[] } {
  const grid: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grid' || a.startsWith('--grid=')) {
      if (a.startsWith('--grid=')) grid.push(a.slice('--grid='.length));
      while (i + 1 < argv.length && /^[A-Za-z0-9]+=/.test(argv[i + 1])) grid.push(argv[++i]);
      if (grid.length === 0)
        throw new UsageError('--grid needs name=values entries, e.g. --grid hidden=16,32 dropout=0,0.3');
    } else rest.push(a);
  }
  return { grid, rest };
}

function wholeFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = numberFlag(args, name, fallback);
  if (!(Number.isInteger(v) && v >= 1)) throw new UsageError(`--${name} must be a whole number ≥ 1`);
  return v;
}

function readPlan(args: ParsedArgs, grid: string[], base: Hyperparameters): SweepPlan {
  if (grid.length === 0) throw new UsageError('Give the values to sweep: --grid hidden=16,32 dropout=0,0.3');
  try {
    const random = args.flags.has('random');
    return planSweep(base, {
      space: parseSweepSpace(grid),
      mode: random ? 'random' : 'grid',
      samples: random ? wholeFlag(args, 'random', 10) : undefined,
      seed: base.seed,
      repeats: wholeFlag(args, 'repeats', 1),
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
}

/** --workers N (default cores − 1, at most 8, as train), never more threads than the sweep has runs. */
function readWorkers(args: ParsedArgs, plan: SweepPlan): number {
  const workers = numberFlag(args, 'workers', defaultTrainWorkerCount());
  const problem = checkTrainWorkers(workers);
  if (problem) throw new UsageError(`--${problem}`);
  return Math.min(workers, plan.runs.length);
}

export const command: Command = {
  summary: 'Train a grid or a seeded random sample of hyperparameters; one row per point',
  usage:
    'FILE... --rules R.json --model shallow|lstm|dual --grid hidden=16,32 dropout=0,0.3 [l2=0,1e-4 lr=0.001:0.01] [--random N --seed S] [--repeats R] [--workers N] [--epochs --batch --fc --projection --patience --validation (any train hyperparameter flag sets the base) --top-k --months --days --balance --no-class-weights --max-samples --data-seed --mask-rule-categories --backend wasm|cpu] [--json]',
  async run(argv) {
    const { grid, rest } = takeGrid(argv);
    const args = parseArgs(rest, { values: VALUE_FLAGS, switches: BOOL_FLAGS });
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file');
    const kind = readKind(args);
    const base = readHyperparameters(args, kind);
    const plan = readPlan(args, grid, base);
    const setup = readSetup(args);
    const workers = readWorkers(args, plan);
    const backend = await startNodeBackend(stringFlag(args, 'backend'));
    const { store } = await loadFiles(args.positionals);
    let prepared;
    try {
      // the split follows the data seed, as in train: points (and repeats) differ in their model settings only
      prepared = prepareTrainingData(store, setup, {
        validationFraction: base.validationFraction,
        seed: setup.sampling.seed,
      });
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    const log = (line: string) => {
      if (!args.flags.has('quiet')) process.stderr.write(`${line}\n`);
    };
    log(
      `Sweeping ${kind}: ${plan.points.length} points × ${plan.repeats} repeats on ${prepared.train.users.length} training users (validation ${prepared.validation.users.length}), backend ${backend.backend}, ${workers} worker${workers > 1 ? ' threads' : ''}`,
    );
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    let result: SweepResult;
    try {
      result = await runSweepOnThreads(workers, store, backend.backend, {
        kind,
        plan,
        prepared,
        signal: controller.signal,
        onRunDone: (run, point) =>
          log(
            `run ${point.index + 1}.${run.repeat + 1} ${JSON.stringify(point.settings)}: val AUC ${run.valAuc?.toFixed(4) ?? '—'} (${run.epochs} epochs, ${run.seconds.toFixed(1)} s)`,
          ),
        onProgress: (p) => {
          if (p.epoch > 0 && p.secondsLeft !== null)
            log(`  ${p.done}/${p.total} runs, epoch ${p.epoch}: about ${Math.round(p.secondsLeft)} s left`);
        },
      });
    } catch (e) {
      // a run that could not finish: the message names it and why; the rows finished so far were logged
      throw new InputError(describeError(e), { cause: e });
    } finally {
      process.off('SIGINT', onSigint);
    }
    const rows = result.points.map((p) => ({
      point: p.index,
      ...p.settings,
      runs: p.runs.length,
      valAuc: p.valAuc,
      valAucSd: p.valAucSd,
      valAucMin: p.valAucMin,
      valAucMax: p.valAucMax,
      valAucCi95: p.valAucCi95,
      epochs: p.runs.length ? p.runs.reduce((n, r) => n + r.epochs, 0) / p.runs.length : null,
      seconds: p.runs.reduce((n, r) => n + r.seconds, 0),
    }));
    const best = result.best === null ? null : rows[result.best];
    if (args.flags.has('json'))
      printJson({
        model: kind,
        status: result.status,
        repeats: plan.repeats,
        dataSeed: setup.sampling.seed,
        trainUsers: prepared.train.users.length,
        validationUsers: prepared.validation.users.length,
        backend: backend.backend,
        workers,
        seconds: result.seconds,
        best,
        points: rows,
      });
    else process.stdout.write(formatTable(rows, best, result.status));
  },
};

type Row = {
  point: number;
  runs: number;
  valAuc: number | null;
  valAucSd: number | null;
  valAucCi95: [number, number] | null;
  seconds: number;
} & Record<string, number | null | [number, number]>;

function formatTable(rows: Row[], best: Row | null, status: string): string {
  const names = ['hidden', 'dropout', 'l2', 'learningRate'].filter((n) =>
    rows.some((r) => r[n] !== undefined),
  );
  const fmt = (v: number | [number, number] | null | undefined) =>
    typeof v !== 'number' ? '—' : String(Number(v.toPrecision(4)));
  const header = ['point', ...names, 'runs', 'val AUC', '± sd', 'seconds'];
  const lines = rows.map((r) => [
    String(r.point),
    ...names.map((n) => fmt(r[n])),
    String(r.runs),
    r.valAuc?.toFixed(4) ?? '—',
    r.valAucSd?.toFixed(4) ?? '—',
    r.seconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const pad = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  const out = [pad(header), ...lines.map(pad)];
  if (best)
    out.push(
      `Best: point ${best.point}, val AUC ${formatEstimate({ value: best.valAuc!, ci95: best.valAucCi95 ?? [NaN, NaN] }, 4)} (95% interval, DeLong)${status === 'cancelled' ? ' (sweep cancelled: not every point ran)' : ''}`,
    );
  return `${out.join('\n')}\n`;
}
