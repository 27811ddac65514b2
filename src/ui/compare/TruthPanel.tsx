import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  formatEstimate,
  type Estimate,
  type TruthEvaluation,
  type TruthExamples as Examples,
  type TruthIntervals,
} from '../../core/evaluation';
import type { RunRecord } from '../../core/runs';
import type { RunTruthAt } from '../../worker/protocol/compareMessages';
import { formatCount } from '../format';
import { EstimateText } from './EstimateText';
import { tickStyle } from './CompareCharts';
import { formatMetric, formatRate, formatRateEstimate } from './compareLogic';
import { TruthExamples } from './TruthExamples';

interface Row {
  id: string;
  run: RunRecord;
  truth: TruthEvaluation;
  /** the figures' 95% intervals (at the same threshold), when known */
  intervals: TruthIntervals | null;
  /** why the recorded figures (at 0.5) are shown instead of figures at the slider's threshold; null when recomputed */
  fallback: string | null;
  /** a few users per cell at the same threshold; null when the figures were not recomputed */
  examples: Examples | null;
}

/** The figures at the slider's threshold where the worker recomputed them, else those recorded when the run ended. */
function buildRows(runs: RunRecord[], truthAt: Record<string, RunTruthAt>): Row[] {
  return runs.flatMap((run): Row[] => {
    const recorded = run.evaluation?.truth;
    if (!recorded) return [];
    const at = truthAt[run.id];
    if (at?.truth)
      return [
        { id: run.id, run, truth: at.truth, intervals: at.intervals, fallback: null, examples: at.examples },
      ];
    const intervals = run.intervals?.truth ?? null;
    return [
      { id: run.id, run, truth: recorded, intervals, fallback: at?.unavailable ?? null, examples: null },
    ];
  });
}

/** "0.5", "0.72": the thresholds the rows are at, in one phrase. */
function describeThresholds(rows: Row[]): string {
  const values = [...new Set(rows.map((r) => r.truth.threshold))];
  return `threshold ${values.map((t) => String(Number(t.toFixed(3)))).join(' / ')}`;
}

/** value [95% interval] when the interval is known, the bare value otherwise. */
function metricText(value: number, estimate: Estimate | undefined): string {
  return estimate ? formatEstimate(estimate) : formatMetric(value);
}

/** Recharts rows: one per stage (named with its truth label), one column per run: the share of users tagged. */
function stageRows(rows: Row[]) {
  const stages = new Map<string, Record<string, string | number>>();
  for (const row of rows)
    for (const s of row.truth.byStage) {
      const truth = s.truthLabel === 'mixed' ? 'mixed' : `truth ${s.truthLabel}`;
      const label = `${s.stage} (${truth})`;
      const entry = stages.get(label) ?? { stage: label, users: s.users };
      entry[row.id] = s.tagRate;
      stages.set(label, entry);
    }
  return [...stages.values()];
}

function StageChart({ rows, colours }: { rows: Row[]; colours: Record<string, string> }) {
  const thresholds = describeThresholds(rows);
  const data = stageRows(rows);
  if (data.length === 0) return <p className="muted small">The truth file has no stage column.</p>;
  return (
    <div data-testid="stage-chart">
      <h3>
        Tagged as positive, by true stage <span className="muted small">· at {thresholds}</span>
      </h3>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e3e8ef" vertical={false} />
          <XAxis dataKey="stage" tick={tickStyle} interval={0} />
          <YAxis
            domain={[0, 1]}
            tick={tickStyle}
            width={40}
            tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
          />
          <Tooltip formatter={(v) => formatRate(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {rows.map((row) => (
            <Bar
              key={row.id}
              dataKey={row.id}
              name={row.run.name}
              fill={colours[row.id]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <p className="muted small table-note">
        Stages whose truth is 0 should be tagged rarely: a high bar for recent mothers means the model cannot
        tell &ldquo;was pregnant&rdquo; from &ldquo;is pregnant&rdquo; (the time-blindness the LSTMs address).
      </p>
    </div>
  );
}

/** Every user scored against the truth file: overall metrics, unlabelled positives found, agreement with the rules. */
export function TruthPanel({
  runs,
  truthAt,
  colours,
}: {
  runs: RunRecord[];
  truthAt: Record<string, RunTruthAt>;
  colours: Record<string, string>;
}) {
  const rows = buildRows(runs, truthAt);
  if (rows.length === 0) return null;
  const fallbacks = rows.filter((r) => r.fallback);
  return (
    <section className="panel" aria-label="Ground truth" data-testid="truth-panel">
      <h2>
        Against the truth file{' '}
        <span className="muted small">
          · every user the truth file names, labelled by the rules or not;{' '}
          <span data-testid="truth-threshold">{describeThresholds(rows)}</span>
        </span>
      </h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>Run</th>
              <th className="num">Users</th>
              <th className="num">Accuracy</th>
              <th className="num">Precision</th>
              <th className="num">Recall</th>
              <th className="num">ROC AUC</th>
              <th
                className="num"
                title="Truly positive users whom the rules left unlabelled: the share the model tags"
              >
                Recall outside the rules
              </th>
              <th className="num" title="Rule-labelled users on whom the model agrees with the rules">
                Agreement with rules
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ id, run, truth, intervals }) => (
              <tr key={id} data-testid="truth-row">
                <th scope="row">
                  <span className="swatch" style={{ background: colours[id] }} aria-hidden="true" />{' '}
                  {run.name}
                </th>
                <td className="num">{formatCount(truth.matched)}</td>
                {(['accuracy', 'precision', 'recall', 'rocAuc'] as const).map((key) => (
                  <td key={key} className="num with-ci">
                    <EstimateText text={metricText(truth.metrics[key], intervals?.metrics.metrics[key])} />
                  </td>
                ))}
                <td className="num with-ci">
                  <EstimateText
                    text={
                      intervals
                        ? formatRateEstimate(intervals.unlabelledPositiveRecall)
                        : formatRate(truth.unlabelledPositives.recall)
                    }
                  />{' '}
                  <span className="muted small">
                    ({formatCount(truth.unlabelledPositives.tagged)} of{' '}
                    {formatCount(truth.unlabelledPositives.users)})
                  </span>
                </td>
                <td className="num">
                  {intervals
                    ? formatRateEstimate(intervals.ruleAgreement)
                    : formatRate(truth.ruleAgreement.rate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fallbacks.map((r) => (
        <p key={r.id} className="notice small" data-testid="truth-fallback">
          {r.run.name}: shown at threshold {r.truth.threshold}, as recorded when the run ended, because{' '}
          {r.fallback}.
        </p>
      ))}
      <p className="muted small table-note">
        Value [95% interval]: DeLong for ROC AUC, a bootstrap over the truth users for the other metrics,
        Wilson for the rates. High agreement with the rules and low recall outside them is the signature of a
        model that memorised the rules.
      </p>
      <StageChart rows={rows} colours={colours} />
      <TruthExamples
        items={rows.flatMap((r) => (r.examples ? [{ run: r.run, examples: r.examples }] : []))}
        colours={colours}
      />
    </section>
  );
}
