// The comparison view's arithmetic, kept free of React so it is tested directly: which runs can be compared, one
// colour per run, the best value per column, hyperparameters side by side with differences, and chart series.

import type { Estimate, MetricName } from '../../core/evaluation';
import { runWorkers, type BinaryMetrics, type RunRecord } from '../../core/runs';
import type { RuleSide } from '../../core/labels';
import { resolveProjection } from '../../core/models';

export { isComparable } from '../../store/compareSlice';

/** Distinct on white, colour-blind friendly first (Okabe–Ito order), then a few more. */
export const RUN_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#d55e00',
  '#56b4e9',
  '#7a5c00',
  '#6a3d9a',
  '#444444',
  '#b2182b',
];

/** A run keeps its colour whatever else is selected: the colour follows its place among all runs. */
export function colourRuns(runs: readonly Pick<RunRecord, 'id'>[]): Record<string, string> {
  const colours: Record<string, string> = {};
  runs.forEach((run, i) => (colours[run.id] = RUN_COLOURS[i % RUN_COLOURS.length]));
  return colours;
}

export interface DiffRow {
  label: string;
  values: string[];
  /** true when the runs do not all share the value */
  differs: boolean;
}

function describeSide(side: RuleSide): string {
  if (side.conditions.length === 0) return 'none';
  const parts = side.conditions.map(
    (c) => `${c.action} ${c.categories.join(', ')} ≥ ${c.min} in ${c.windowMonths} mo`,
  );
  return parts.join(side.match === 'all' ? ' AND ' : ' OR ');
}

/** "+ purchase maternity wear ≥ 5 in 12 mo · − purchase high heels ≥ 5 in 12 mo" */
export function summariseRules(run: Pick<RunRecord, 'rules'>): string {
  return `+ ${describeSide(run.rules.positive)} · − ${describeSide(run.rules.negative)}`;
}

export function hasLeakageGuard(run: Pick<RunRecord, 'featureSpec'>): boolean {
  return run.featureSpec.maskedCategories.length > 0;
}

const SETTINGS: { label: string; value: (r: RunRecord) => string | number | boolean }[] = [
  { label: 'model', value: (r) => r.kind },
  { label: 'hidden units', value: (r) => r.hyperparameters.hidden },
  { label: 'dense units (dual)', value: (r) => (r.kind === 'dual' ? r.hyperparameters.fcUnits : '—') },
  { label: 'projection', value: (r) => (r.kind === 'shallow' ? '—' : resolveProjection(r.hyperparameters)) },
  { label: 'dropout', value: (r) => r.hyperparameters.dropout },
  { label: 'L2', value: (r) => r.hyperparameters.l2 },
  { label: 'learning rate', value: (r) => r.hyperparameters.learningRate },
  { label: 'batch size', value: (r) => r.hyperparameters.batchSize },
  { label: 'epochs (set)', value: (r) => r.hyperparameters.epochs },
  { label: 'epochs (ran)', value: (r) => r.epochs.length },
  { label: 'validation share', value: (r) => r.hyperparameters.validationFraction },
  { label: 'early-stop patience', value: (r) => r.hyperparameters.patience },
  { label: 'seed', value: (r) => r.hyperparameters.seed },
  { label: 'categories (features)', value: (r) => r.featureSpec.vocabulary.length },
  { label: 'months', value: (r) => r.featureSpec.months },
  { label: 'days (clicks)', value: (r) => r.featureSpec.days },
  { label: 'transform', value: (r) => r.featureSpec.transform },
  { label: 'leakage guard', value: (r) => (hasLeakageGuard(r) ? 'on' : 'off') },
  { label: 'rules', value: summariseRules },
  { label: 'data', value: (r) => r.dataFingerprint },
  { label: 'backend', value: (r) => r.backend },
  { label: 'workers', value: (r) => runWorkers(r) },
];

/** Every setting of the runs side by side, flagging rows where the runs differ. */
export function diffSettings(runs: readonly RunRecord[]): DiffRow[] {
  return SETTINGS.map(({ label, value }) => {
    const values = runs.map((r) => String(value(r)));
    return { label, values, differs: new Set(values).size > 1 };
  });
}

/** Recharts rows keyed by epoch number (1-based), one column per run id; runs without that epoch leave a gap. */
export function mergeEpochSeries(
  runs: readonly RunRecord[],
  pick: (log: RunRecord['epochs'][number]) => number,
): Record<string, number>[] {
  const longest = Math.max(0, ...runs.map((r) => r.epochs.length));
  return Array.from({ length: longest }, (_, i) => {
    const row: Record<string, number> = { epoch: i + 1 };
    for (const run of runs) {
      const log = run.epochs[i];
      if (log && Number.isFinite(pick(log))) row[run.id] = pick(log);
    }
    return row;
  });
}

/** Paired x/y arrays as recharts points. */
export function toPoints(x: readonly number[], y: readonly number[]): { x: number; y: number }[] {
  return x.map((v, i) => ({ x: v, y: y[i] }));
}

/** "0.812", or "—" for NaN / null / undefined (undefined metrics, see core/evaluation/metrics). */
export function formatMetric(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

export function formatRate(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** "12.3% [8.1%, 17.0%]" (a Wilson interval of a rate); "—" parts where undefined. */
export function formatRateEstimate(e: Estimate): string {
  const [lo, hi] = e.ci95;
  if (!Number.isFinite(lo) && !Number.isFinite(hi)) return formatRate(e.value);
  return `${formatRate(e.value)} [${formatRate(lo)}, ${formatRate(hi)}]`;
}

/** The metrics columns of the comparison table, in display order. */
export const METRIC_COLUMNS: { key: MetricName & keyof BinaryMetrics; label: string }[] = [
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'precision', label: 'Precision' },
  { key: 'recall', label: 'Recall' },
  { key: 'f1', label: 'F1' },
  { key: 'rocAuc', label: 'ROC AUC' },
  { key: 'prAuc', label: 'PR AUC' },
];

/** Samples per second of the run's last epoch (the training pace), NaN without epochs. */
export function lastSamplesPerSec(run: RunRecord): number {
  return run.epochs.at(-1)?.samplesPerSec ?? NaN;
}

/** The purchases-erased test in words (a rule of thumb on ROC AUC: 0.5 is chance). */
export function describeClicksOnly(aucWithoutPurchases: number): string {
  if (!Number.isFinite(aucWithoutPurchases)) return 'Clicks alone: cannot judge (AUC undefined)';
  const auc = aucWithoutPurchases.toFixed(2);
  if (aucWithoutPurchases >= 0.75) return `Works from clicks alone (AUC ${auc} without purchases)`;
  if (aucWithoutPurchases >= 0.6) return `Works partly from clicks alone (AUC ${auc} without purchases)`;
  return `Cannot work from clicks alone (AUC ${auc} without purchases)`;
}
