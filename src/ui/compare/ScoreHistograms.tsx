import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunRecord } from '../../core/runs';
import type { RunCurves } from '../../worker/protocol/compareMessages';
import { tickStyle } from './CompareCharts';

const POSITIVE = '#d55e00';
const NEGATIVE = '#56b4e9';

function Histogram({
  run,
  curves,
  colour,
  threshold,
}: {
  run: RunRecord;
  curves: RunCurves | undefined;
  colour: string;
  threshold: number;
}) {
  const bins = (curves?.histogram ?? []).map((b) => ({ ...b, label: b.bin0.toFixed(2) }));
  const binWidth = bins.length > 0 ? bins[0].bin1 - bins[0].bin0 : 0.05;
  const thresholdBin = bins.find((b) => threshold >= b.bin0 && threshold < b.bin1) ?? bins.at(-1);
  return (
    <figure className="histogram" data-testid="score-histogram">
      <figcaption>
        <span className="swatch" style={{ background: colour }} aria-hidden="true" /> {run.name}
        {curves && <span className="muted small"> · {curves.users} validation users</span>}
      </figcaption>
      {bins.length === 0 ? (
        <p className="muted small">No validation scores were kept for this run.</p>
      ) : (
        <ResponsiveContainer width="100%" height={170}>
          <BarChart
            data={bins}
            margin={{ top: 4, right: 8, bottom: 4, left: 0 }}
            barGap={0}
            barCategoryGap={1}
          >
            <CartesianGrid stroke="#e3e8ef" vertical={false} />
            <XAxis dataKey="label" tick={tickStyle} interval={3} />
            <YAxis tick={tickStyle} width={36} allowDecimals={false} />
            <Tooltip labelFormatter={(l) => `score ${l}–${(Number(l) + binWidth).toFixed(2)}`} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar dataKey="positives" name="rule positive" fill={POSITIVE} isAnimationActive={false} />
            <Bar dataKey="negatives" name="rule negative" fill={NEGATIVE} isAnimationActive={false} />
            {thresholdBin && (
              <ReferenceLine
                x={thresholdBin.label}
                stroke="#1d2733"
                strokeDasharray="3 3"
                label={{ value: 'threshold', fontSize: 10, position: 'top' }}
              />
            )}
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

/** Where each run puts its validation users on the score scale: well-separated humps mean a confident model. */
export function ScoreHistograms(props: {
  runs: RunRecord[];
  curves: Record<string, RunCurves>;
  colours: Record<string, string>;
  threshold: number;
}) {
  return (
    <section className="panel" aria-label="Score histograms">
      <h2>
        Score distribution{' '}
        <span className="muted small">· validation users by rule label, 20 bins over [0, 1]</span>
      </h2>
      <div className="histogram-grid">
        {props.runs.map((run) => (
          <Histogram
            key={run.id}
            run={run}
            curves={props.curves[run.id]}
            colour={props.colours[run.id]}
            threshold={props.threshold}
          />
        ))}
      </div>
    </section>
  );
}
