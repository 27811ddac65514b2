import { formatEstimate, INTERVAL_METHOD, type MetricEstimates } from '../../core/evaluation';
import type { BinaryMetrics, RunRecord } from '../../core/runs';
import { setThreshold } from '../../store/compareActions';
import { formatDuration } from '../../store/trainProgress';
import { formatCount } from '../format';
import { EstimateText } from './EstimateText';
import { formatMetric, lastSamplesPerSec, METRIC_COLUMNS } from './compareLogic';

interface Row {
  id: string;
  run: RunRecord;
  metrics: BinaryMetrics | null;
  /** the same metrics with 95% intervals, when the worker has them for the threshold shown */
  estimates: MetricEstimates | null;
}

function Cell({ text, testId }: { text: string; testId?: string }) {
  return (
    <td className="num with-ci" data-testid={testId}>
      <EstimateText text={text} />
    </td>
  );
}

/** `0.923 [0.891, 0.951]` when the interval at this threshold is in, the bare value until then. */
function metricText(row: Row, key: (typeof METRIC_COLUMNS)[number]['key']): string {
  if (row.estimates) return formatEstimate(row.estimates.metrics[key]);
  return formatMetric(row.metrics?.[key]);
}

function ThresholdSlider({ threshold, shownAt }: { threshold: number; shownAt: number | null }) {
  return (
    <div className="threshold-bar">
      <label htmlFor="compare-threshold">Decision threshold</label>
      <input
        id="compare-threshold"
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={threshold}
        onChange={(e) => setThreshold(Number(e.target.value))}
        data-testid="threshold-slider"
      />
      <output htmlFor="compare-threshold" className="num" data-testid="threshold-value">
        {threshold.toFixed(2)}
      </output>
      <button
        type="button"
        className="small-button"
        onClick={() => setThreshold(0.5)}
        disabled={threshold === 0.5}
      >
        Reset to 0.5
      </button>
      <span className="muted small">
        A user is tagged when the score is at or above the threshold. AUCs do not depend on it.
        {shownAt !== null && shownAt !== threshold && ' Updating…'}
      </span>
    </div>
  );
}

function ConfusionMatrix({ row, colour }: { row: Row; colour: string }) {
  const m = row.metrics;
  return (
    <figure className="confusion" data-testid="confusion-matrix">
      <figcaption>
        <span className="swatch" style={{ background: colour }} aria-hidden="true" /> {row.run.name}
      </figcaption>
      {m ? (
        <table className="confusion-table">
          <thead>
            <tr>
              <th />
              <th scope="col">tagged</th>
              <th scope="col">not tagged</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">rule positive</th>
              <td className="num hit">{formatCount(m.tp)}</td>
              <td className="num miss">{formatCount(m.fn)}</td>
            </tr>
            <tr>
              <th scope="row">rule negative</th>
              <td className="num miss">{formatCount(m.fp)}</td>
              <td className="num hit">{formatCount(m.tn)}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted small">No validation scores were kept for this run.</p>
      )}
    </figure>
  );
}

/**
 * Metrics of the compared runs at the chosen threshold with their 95% intervals, and their confusion matrices. No
 * column marks a best value: which run is better is the paired test's to say (VerdictPanel).
 */
export function ThresholdTable(props: {
  runs: RunRecord[];
  metrics: Record<string, BinaryMetrics | null>;
  intervals: Record<string, MetricEstimates | null>;
  /** the threshold `intervals` belong to */
  intervalsAt: number | null;
  threshold: number;
  shownAt: number | null;
  colours: Record<string, string>;
}) {
  const current = props.intervalsAt === props.threshold;
  const rows: Row[] = props.runs.map((run) => ({
    id: run.id,
    run,
    metrics: props.metrics[run.id] ?? null,
    estimates: current ? (props.intervals[run.id] ?? null) : null,
  }));
  return (
    <section className="panel" aria-label="Metrics at the threshold">
      <h2>Validation metrics at the threshold</h2>
      <ThresholdSlider threshold={props.threshold} shownAt={props.shownAt} />
      <div className="table-scroll">
        <table className="data-table metrics-table" data-testid="metrics-table">
          <thead>
            <tr>
              <th>Run</th>
              {METRIC_COLUMNS.map((c) => (
                <th key={c.key} className="num">
                  {c.label}
                </th>
              ))}
              <th className="num">Parameters</th>
              <th className="num">Training time</th>
              <th className="num">Samples/s</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="metrics-row" data-run-id={row.id}>
                <th scope="row">
                  <span className="swatch" style={{ background: props.colours[row.id] }} aria-hidden="true" />{' '}
                  {row.run.name}
                </th>
                {METRIC_COLUMNS.map((c) => (
                  <Cell key={c.key} text={metricText(row, c.key)} testId={`metric-${c.key}`} />
                ))}
                <Cell text={row.run.paramCount ? formatCount(row.run.paramCount) : '—'} />
                <Cell text={formatDuration(row.run.durationMs)} />
                <Cell text={formatMetric(lastSamplesPerSec(row.run), 0)} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small table-note">
        On each run&apos;s validation users, against the rule labels: value [95% interval] ({INTERVAL_METHOD}
        ). Overlapping intervals do not settle which run is better: see the paired test below. “—”: undefined,
        e.g. the users hold only one class.
      </p>
      <h3>Confusion at {props.threshold.toFixed(2)}</h3>
      <div className="confusion-grid">
        {rows.map((row) => (
          <ConfusionMatrix key={row.id} row={row} colour={props.colours[row.id]} />
        ))}
      </div>
    </section>
  );
}
