// Plans a hyperparameter sweep: every combination of the given values (grid), or N seeded draws (random: from the
// listed values, or from a range lo:hi, log-uniform for the learning rate and L2), each point repeated with new seeds.

import type { Hyperparameters } from '../models/types';
import { createRandom, shuffleInPlace } from '../random';

export type SweepParameter = 'hidden' | 'dropout' | 'l2' | 'learningRate';
export const SWEEP_PARAMETERS: readonly SweepParameter[] = ['hidden', 'dropout', 'l2', 'learningRate'];

/** Listed values, or (random sweeps only) a range to draw from. */
export type SweepValues = number[] | { min: number; max: number };

export type SweepSpace = Partial<Record<SweepParameter, SweepValues>>;

export interface SweepPlanOptions {
  space: SweepSpace;
  /** 'grid' (default): every combination; 'random': `samples` draws */
  mode?: 'grid' | 'random';
  samples?: number;
  seed?: number;
  /** runs per point, each with its own model seed; default 1 */
  repeats?: number;
}

export interface SweepPoint {
  index: number;
  /** the swept settings only */
  settings: Partial<Record<SweepParameter, number>>;
  hyperparameters: Hyperparameters;
}

export interface SweepRun {
  point: number;
  repeat: number;
  /** the point's hyperparameters with this repeat's seed */
  hyperparameters: Hyperparameters;
}

export interface SweepPlan {
  points: SweepPoint[];
  runs: SweepRun[];
  repeats: number;
}

const LOG_SCALE: Record<SweepParameter, boolean> = {
  hidden: false,
  dropout: false,
  l2: true,
  learningRate: true,
};
const INTEGER: Record<SweepParameter, boolean> = {
  hidden: true,
  dropout: false,
  l2: false,
  learningRate: false,
};

export function planSweep(base: Hyperparameters, options: SweepPlanOptions): SweepPlan {
  const repeats = options.repeats ?? 1;
  if (!(Number.isInteger(repeats) && repeats >= 1))
    throw new Error(`repeats must be a whole number ≥ 1, got ${repeats}.`);
  const names = SWEEP_PARAMETERS.filter((p) => options.space[p] !== undefined);
  names.forEach((p) => checkValues(p, options.space[p]!));
  const settings =
    (options.mode ?? 'grid') === 'grid'
      ? gridSettings(names, options.space)
      : randomSettings(names, options.space, options.samples ?? 10, options.seed ?? base.seed);
  const points = settings.map((s, index): SweepPoint => ({
    index,
    settings: s,
    hyperparameters: { ...base, ...s },
  }));
  const runs = points.flatMap((p) =>
    Array.from({ length: repeats }, (_, repeat): SweepRun => ({
      point: p.index,
      repeat,
      hyperparameters: { ...p.hyperparameters, seed: base.seed + repeat },
    })),
  );
  return { points, runs, repeats };
}

function gridSettings(names: SweepParameter[], space: SweepSpace): Partial<Record<SweepParameter, number>>[] {
  let out: Partial<Record<SweepParameter, number>>[] = [{}];
  for (const name of names) {
    const values = space[name]!;
    if (!Array.isArray(values))
      throw new Error(`A grid needs listed values for ${name}; ranges are for random sweeps.`);
    out = out.flatMap((s) => values.map((v) => ({ ...s, [name]: v })));
  }
  return out;
}

/** Draws `samples` points; with listed values only, distinct combinations (at most the whole grid). */
function randomSettings(names: SweepParameter[], space: SweepSpace, samples: number, seed: number) {
  if (!(Number.isInteger(samples) && samples >= 1))
    throw new Error(`samples must be a whole number ≥ 1, got ${samples}.`);
  const random = createRandom(seed);
  if (names.every((n) => Array.isArray(space[n]))) {
    const grid = gridSettings(names, space);
    const order = shuffleInPlace(Int32Array.from(grid.keys()), random);
    return Array.from(order.subarray(0, Math.min(samples, grid.length)), (i) => grid[i]);
  }
  return Array.from({ length: samples }, () => {
    const s: Partial<Record<SweepParameter, number>> = {};
    for (const name of names) s[name] = draw(name, space[name]!, random);
    return s;
  });
}

function draw(name: SweepParameter, values: SweepValues, random: () => number): number {
  if (Array.isArray(values)) return values[Math.floor(random() * values.length)];
  const u = random();
  const v = LOG_SCALE[name]
    ? Math.exp(Math.log(values.min) + u * (Math.log(values.max) - Math.log(values.min)))
    : values.min + u * (values.max - values.min);
  return INTEGER[name] ? Math.round(v) : Number(v.toPrecision(3));
}

function checkValues(name: SweepParameter, values: SweepValues): void {
  const list = Array.isArray(values) ? values : [values.min, values.max];
  if (Array.isArray(values) && values.length === 0) throw new Error(`Give at least one value for ${name}.`);
  if (!Array.isArray(values) && !(values.min <= values.max))
    throw new Error(`The ${name} range must run low to high.`);
  if (!Array.isArray(values) && LOG_SCALE[name] && !(values.min > 0))
    throw new Error(`A ${name} range must be above 0 (it is drawn on a log scale).`);
  for (const v of list) {
    if (!Number.isFinite(v)) throw new Error(`${name} must be a number, got ${v}.`);
    if (name === 'hidden' && !(v >= 1 && (Array.isArray(values) ? Number.isInteger(v) : true)))
      throw new Error(`hidden must be a whole number ≥ 1, got ${v}.`);
    if (name === 'dropout' && !(v >= 0 && v < 1)) throw new Error(`dropout must be in [0, 1), got ${v}.`);
    if ((name === 'l2' && v < 0) || (name === 'learningRate' && !(v > 0)))
      throw new Error(`${name} must be ${name === 'l2' ? '≥ 0' : '> 0'}, got ${v}.`);
  }
}

/** Parses `hidden=16,32`, `lr=0.001:0.1` (a range) into a space; names: hidden, dropout, l2, lr / learningRate. */
export function parseSweepSpace(entries: readonly string[]): SweepSpace {
  const space: SweepSpace = {};
  for (const entry of entries) {
    const match = /^([A-Za-z0-9]+)=(.+)$/.exec(entry.trim());
    if (!match) throw new Error(`"${entry}" is not name=values (e.g. hidden=16,32 or lr=0.001:0.1).`);
    const name =
      ({ lr: 'learningRate', learningrate: 'learningRate' } as Record<string, string>)[
        match[1].toLowerCase()
      ] ?? match[1];
    if (!SWEEP_PARAMETERS.includes(name as SweepParameter))
      throw new Error(`Cannot sweep "${match[1]}": use hidden, dropout, l2 or lr.`);
    const range = /^([^:]+):([^:]+)$/.exec(match[2]);
    space[name as SweepParameter] = range
      ? { min: Number(range[1]), max: Number(range[2]) }
      : match[2].split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
  }
  return space;
}
