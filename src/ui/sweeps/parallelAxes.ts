// The axes of the sweep's parallel-coordinates chart: one per swept hyperparameter (log scale where its values span
// a decade or more, as L2 and learning rates do) and one for the validation AUC, each mapping a point to [0, 1].

import { SWEEP_PARAMETERS, type SweepParameter, type SweepPointResult } from '../../core/sweeps';

export interface ParallelAxis {
  label: string;
  /** 0 at the bottom, 1 at the top; 0.5 where every point has the same value */
  position(p: SweepPointResult): number;
  format(p: SweepPointResult): string;
  ticks: { position: number; text: string }[];
}

const short = (v: number) => String(Number(v.toPrecision(3)));

function scaleOf(values: number[]): (v: number) => number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (!(max > min)) return () => 0.5;
  const log = min > 0 && max / min >= 10;
  const f = log ? Math.log : (v: number) => v;
  return (v) => (f(v) - f(min)) / (f(max) - f(min));
}

function parameterAxis(name: SweepParameter, label: string, points: SweepPointResult[]): ParallelAxis | null {
  const values = points.map((p) => p.settings[name]).filter((v): v is number => v !== undefined);
  if (values.length === 0) return null;
  const scale = scaleOf(values);
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  // every value a tick when there are few (a grid), else the ends (a random sample)
  const tickValues = distinct.length <= 5 ? distinct : [distinct[0], distinct[distinct.length - 1]];
  return {
    label,
    position: (p) => scale(p.settings[name] ?? values[0]),
    format: (p) => (p.settings[name] === undefined ? '—' : short(p.settings[name]!)),
    ticks: tickValues.map((v) => ({ position: scale(v), text: short(v) })),
  };
}

function aucAxis(points: SweepPointResult[]): ParallelAxis {
  const aucs = points.map((p) => p.valAuc!);
  const scale = scaleOf(aucs);
  const min = Math.min(...aucs);
  const max = Math.max(...aucs);
  return {
    label: 'Val ROC AUC',
    position: (p) => scale(p.valAuc!),
    format: (p) => p.valAuc!.toFixed(3),
    ticks: (max > min ? [min, max] : [min]).map((v) => ({ position: scale(v), text: v.toFixed(3) })),
  };
}

/** The swept hyperparameters in their usual order, then the AUC; `points` must all have a valAuc. */
export function parallelAxes(
  points: SweepPointResult[],
  labels: Record<SweepParameter, string>,
): ParallelAxis[] {
  if (points.length === 0) return [];
  const swept = SWEEP_PARAMETERS.map((n) => parameterAxis(n, labels[n], points)).filter(
    (a): a is ParallelAxis => a !== null,
  );
  return [...swept, aucAxis(points)];
}

/** Light blue (lowest AUC of the sweep) to dark blue (highest). */
export function aucColour(t: number): string {
  const from = [158, 202, 225];
  const to = [8, 48, 107];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * Math.min(1, Math.max(0, t))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
