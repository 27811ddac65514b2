// Runs a planned sweep over the shared training loop: one prepared split for every run (so points are compared on
// the same validation users), progress with an estimate of the time left, cooperative cancel, one row per point.

import { describeError } from '../errors';
import { Z95 } from '../evaluation';
import type { ModelKind } from '../models/types';
import type { TrainingImpl } from '../training/trainers';
import { runOnJobWorkers } from './jobs/jobPool';
import type { JobLink } from './jobs/types';
import type { SweepParameter, SweepPlan, SweepPoint, SweepRun } from './plan';
import { trainSweepRun, type SweepData, type SweepRunResult } from './sweepRun';

export type { SweepRunResult } from './sweepRun';

export interface SweepPointResult {
  index: number;
  settings: Partial<Record<SweepParameter, number>>;
  runs: SweepRunResult[];
  /** mean, spread and range of the validation AUC over the point's finished runs; null before any */
  valAuc: number | null;
  valAucSd: number | null;
  valAucMin: number | null;
  valAucMax: number | null;
  /**
   * 95% interval of valAuc from the runs' DeLong errors: mean ± 1.96·√(mean of their variances). The repeats share
   * the validation users, so their errors are strongly correlated; treating them as fully correlated (no shrinking
   * with repeats) keeps the interval honest rather than narrow. Null before any run.
   */
  valAucCi95: [number, number] | null;
}

export interface SweepProgress {
  /** runs finished, and all runs */
  done: number;
  total: number;
  point: number;
  repeat: number;
  /** epochs finished in the current run (the one that reported last, when several train side by side) */
  epoch: number;
  /** runs training now: 1 one after another, up to the number of job workers side by side */
  training: number;
  elapsedSeconds: number;
  /** from the time per finished epoch so far; null until one epoch is done */
  secondsLeft: number | null;
}

export interface SweepResult {
  status: 'done' | 'cancelled';
  points: SweepPointResult[];
  /** index of the point with the highest mean validation AUC; null when none finished */
  best: number | null;
  seconds: number;
}

export interface SweepOptions {
  kind: ModelKind;
  plan: SweepPlan;
  /** the shared split and its batch builder (a PreparedData) */
  prepared: SweepData;
  impl?: TrainingImpl;
  /**
   * job workers already started with the sweep's data (JobSetup): the runs train on them side by side, one whole run
   * per worker at a time, instead of one after another here. The rows are the same either way.
   */
  jobLinks?: JobLink[];
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
  onRunDone?: (run: SweepRunResult, point: SweepPointResult) => void;
  /** awaited after every batch, so a worker can read its messages */
  yieldEvery?: () => Promise<void>;
}

export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const points = o.plan.points.map(emptyPoint);
  const clock = {
    epochsDone: 0,
    epochsPlanned: o.plan.runs.reduce((n, r) => n + r.hyperparameters.epochs, 0),
  };
  const record = (row: SweepRunResult) => recordRow(o, points, row);
  if (o.jobLinks?.length) await runOnJobs(o, o.jobLinks, clock, elapsed, record);
  else await runHere(o, clock, elapsed, record);
  const finished = o.plan.runs.length === points.reduce((n, p) => n + p.runs.length, 0);
  return { status: finished ? 'done' : 'cancelled', points, best: pickBest(points), seconds: elapsed() };
}

/** The runs one after another on this thread. */
async function runHere(
  o: SweepOptions,
  clock: SweepClock,
  elapsed: () => number,
  record: (row: SweepRunResult) => void,
): Promise<void> {
  for (let i = 0; i < o.plan.runs.length; i++) {
    if (o.signal?.aborted) break;
    const run = o.plan.runs[i];
    const progress = (epoch: number) =>
      o.onProgress?.({
        done: i,
        total: o.plan.runs.length,
        point: run.point,
        repeat: run.repeat,
        epoch,
        training: 1,
        elapsedSeconds: elapsed(),
        secondsLeft: estimateLeft(clock, elapsed()),
      });
    progress(0);
    const row = await trainSweepRun({
      kind: o.kind,
      data: o.prepared,
      run,
      impl: o.impl,
      shouldStop: () => o.signal?.aborted ?? false,
      yieldEvery: o.yieldEvery,
      onEpoch: (epoch) => {
        clock.epochsDone++;
        progress(epoch);
      },
    }).catch((err: unknown) => {
      throw sweepStopped(o.plan, run, err);
    });
    // an early stop ends a run short of its planned epochs: the estimate counts them as done
    clock.epochsDone += run.hyperparameters.epochs - row.epochs;
    if (row.status === 'stopped' && o.signal?.aborted) break;
    record(row);
  }
}

/** The runs side by side on job workers; progress follows whichever run last finished an epoch. */
async function runOnJobs(
  o: SweepOptions,
  links: JobLink[],
  clock: SweepClock,
  elapsed: () => number,
  record: (row: SweepRunResult) => void,
): Promise<void> {
  const epochsSeen = new Map<SweepRun, number>();
  await runOnJobWorkers({
    runs: o.plan.runs,
    links,
    signal: o.signal,
    stopError: (run, err) => sweepStopped(o.plan, run, err),
    onEpoch: (run, epoch, { runsDone, training }) => {
      clock.epochsDone += epoch - (epochsSeen.get(run) ?? 0);
      epochsSeen.set(run, epoch);
      o.onProgress?.({
        done: runsDone,
        total: o.plan.runs.length,
        point: run.point,
        repeat: run.repeat,
        epoch,
        training,
        elapsedSeconds: elapsed(),
        secondsLeft: estimateLeft(clock, elapsed()),
      });
    },
    onRunDone: (row) => {
      const run = o.plan.runs.find((r) => r.point === row.point && r.repeat === row.repeat)!;
      clock.epochsDone += run.hyperparameters.epochs - (epochsSeen.get(run) ?? 0);
      record(row);
    },
  });
}

/** "The sweep stopped: run 2.1 (hidden=16, dropout=0.3) failed: …", the point and repeat counted from 1. */
function sweepStopped(plan: SweepPlan, run: SweepRun, err: unknown): Error {
  const settings = Object.entries(plan.points[run.point].settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return new Error(
    `The sweep stopped: run ${run.point + 1}.${run.repeat + 1} (${settings}) failed: ${describeError(err)}`,
    { cause: err },
  );
}

/** Adds a finished run to its point, kept in repeat order whatever order the runs finished in. */
function recordRow(o: SweepOptions, points: SweepPointResult[], row: SweepRunResult): void {
  const point = points[row.point];
  point.runs.push(row);
  point.runs.sort((a, b) => a.repeat - b.repeat);
  summarisePoint(point);
  o.onRunDone?.(row, point);
}

function emptyPoint(p: SweepPoint): SweepPointResult {
  return {
    index: p.index,
    settings: p.settings,
    runs: [],
    valAuc: null,
    valAucSd: null,
    valAucMin: null,
    valAucMax: null,
    valAucCi95: null,
  };
}

function summarisePoint(point: SweepPointResult): void {
  const aucs = point.runs.map((r) => r.valAuc).filter((v): v is number => v !== null);
  if (aucs.length === 0) return;
  const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
  const variance = aucs.length > 1 ? aucs.reduce((s, v) => s + (v - mean) ** 2, 0) / (aucs.length - 1) : 0;
  const ses = point.runs.map((r) => r.valAucSe).filter((v): v is number => v !== null);
  const se = ses.length ? Math.sqrt(ses.reduce((a, v) => a + v * v, 0) / ses.length) : NaN;
  Object.assign(point, {
    valAuc: mean,
    valAucSd: Math.sqrt(variance),
    valAucMin: Math.min(...aucs),
    valAucMax: Math.max(...aucs),
    valAucCi95: Number.isFinite(se) ? [Math.max(0, mean - Z95 * se), Math.min(1, mean + Z95 * se)] : null,
  });
}

function pickBest(points: SweepPointResult[]): number | null {
  let best: SweepPointResult | null = null;
  for (const p of points) if (p.valAuc !== null && (best === null || p.valAuc > best.valAuc!)) best = p;
  return best?.index ?? null;
}

interface SweepClock {
  epochsDone: number;
  epochsPlanned: number;
}

/** Seconds left at the pace so far (epochs done over all workers per second); null until one epoch is done. */
function estimateLeft(clock: SweepClock, elapsedSeconds: number): number | null {
  if (clock.epochsDone === 0) return null;
  return (elapsedSeconds / clock.epochsDone) * Math.max(0, clock.epochsPlanned - clock.epochsDone);
}
