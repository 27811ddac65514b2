import type { BinaryMetrics, RunRecord } from '../../core/runs';
import { setThreshold } from '../../store/compareActions';
import { formatDuration } from '../../store/trainProgress';
import { formatCount } from '../format';
import { formatMetric, lastSamplesPerSec, markBest, METRIC_COLUMNS, type ColumnSpec } from './compareLogic';

interface Row {
  id: string;
  run: RunRecord;
  metrics: BinaryMetrics | null;
}

const COLUMNS: ColumnSpec<Row>[] = [
  ...METRIC_COLUMNS.map(({ key }) => ({
    key,
    value: (r: Row) => r.metrics?.[key],
    better: 'higher' as const,
  })),
  { key: 'params', value: (r) => r.run.paramCount || null, better: 'lower' },
  { key: 'time', value: (r) => r.run.durationMs || null, better: 'lower' },
  { key: 'speed', value: (r) => lastSamplesPerSec(r.run), better: 'higher' },
];

function Cell({ best, text, testId }: { best: boolean; text: string; testId?: string }) {
  return (
    <td
      className={best ? 'num best' : 'num'}
      data-testid={testId}
      title={best ? 'best of the compared runs' : undefined}
    >
      {text}
      {best && <span className="best-mark"> ★</span>}
    </td>
  );
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

/** Metrics of the compared runs at the chosen threshold, best per column marked, and their confusion matrices. */
export function ThresholdTable(props: {
  runs: RunRecord[];
  metrics: Record<string, BinaryMetrics | null>;
  threshold: number;
  shownAt: number | null;
  colours: Record<string, string>;
}) {
  const rows: Row[] = props.runs.map((run) => ({ id: run.id, run, metrics: props.metrics[run.id] ?? null }));
  const best = markBest(rows, COLUMNS);
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
                  <Cell
                    key={c.key}
                    best={best[c.key].has(row.id)}
                    text={formatMetric(row.metrics?.[c.key])}
                    testId={`metric-${c.key}`}
                  />
                ))}
                <Cell
                  best={best.params.has(row.id)}
                  text={row.run.paramCount ? formatCount(row.run.paramCount) : '—'}
                />
                <Cell best={best.time.has(row.id)} text={formatDuration(row.run.durationMs)} />
                <Cell best={best.speed.has(row.id)} text={formatMetric(lastSamplesPerSec(row.run), 0)} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small table-note">
        On each run&apos;s validation users, against the rule labels. ★ marks the best value of each column
        (fewer parameters and less time count as better). “—”: undefined, e.g. the users hold only one class.
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
