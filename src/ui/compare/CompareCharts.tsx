import type { ReactNode } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CurveBand } from '../../core/evaluation';
import type { EpochLog, RunRecord } from '../../core/runs';
import type { RunCurves } from '../../worker/protocol/compareMessages';
import { mergeEpochSeries, toPoints } from './compareLogic';

export const tickStyle = { fontSize: 11, fill: '#5b6776' };
const axisLabel = (value: string) => ({
  value,
  position: 'insideBottom' as const,
  offset: -8,
  fontSize: 11,
  fill: '#5b6776',
});
const formatValue = (v: unknown): string =>
  typeof v === 'number'
    ? v.toFixed(3)
    : Array.isArray(v)
      ? `[${v.map(formatValue).join(', ')}] (95% band)`
      : String(v);

interface ChartsProps {
  runs: RunRecord[];
  curves: Record<string, RunCurves>;
  colours: Record<string, string>;
}

function ChartPanel({
  title,
  testId,
  children,
  note,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  note?: string;
}) {
  return (
    <div className="panel chart-panel" data-testid={testId}>
      <h3>
        {title}
        {note && <span className="muted small"> · {note}</span>}
      </h3>
      <ResponsiveContainer width="100%" height={250}>
        {children as React.ReactElement}
      </ResponsiveContainer>
    </div>
  );
}

function EpochChart(props: ChartsProps & { metric: 'valAccuracy' | 'valLoss'; title: string }) {
  const data = mergeEpochSeries(props.runs, (e: EpochLog) => e[props.metric]);
  const accuracy = props.metric === 'valAccuracy';
  return (
    <ChartPanel title={props.title} testId={`compare-chart-${props.metric}`}>
      <LineChart data={data} margin={{ top: 4, right: 14, bottom: 16, left: 0 }}>
        <CartesianGrid stroke="#e3e8ef" />
        <XAxis
          dataKey="epoch"
          type="number"
          domain={[1, 'dataMax']}
          allowDecimals={false}
          tick={tickStyle}
          label={axisLabel('epoch')}
        />
        <YAxis
          tick={tickStyle}
          width={46}
          domain={accuracy ? [(min: number) => Math.max(0, Math.floor(min * 10) / 10), 1] : [0, 'auto']}
          tickFormatter={(v: number) => v.toFixed(2)}
        />
        <Tooltip formatter={formatValue} labelFormatter={(x) => `epoch ${x}`} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        {props.runs.map((run) => (
          <Line
            key={run.id}
            dataKey={run.id}
            name={run.name}
            stroke={props.colours[run.id]}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartPanel>
  );
}

/** A band as recharts range points: `range` is [lower, upper] at each grid x. */
function bandPoints(band: CurveBand): { x: number; range: [number, number] }[] {
  return band.x.map((x, j) => ({ x, range: [band.lo[j], band.hi[j]] }));
}

function CurveChart(props: ChartsProps & { kind: 'roc' | 'pr' }) {
  const roc = props.kind === 'roc';
  const series = props.runs.map((run) => {
    const c = props.curves[run.id];
    const points = roc
      ? c?.roc && toPoints(c.roc.fpr, c.roc.tpr)
      : c?.pr && toPoints(c.pr.recall, c.pr.precision);
    const band = roc ? c?.rocBand : c?.prBand;
    return { run, points: points ?? [], band: band ? bandPoints(band) : [] };
  });
  const empty = series.every((s) => s.points.length === 0);
  const banded = series.some((s) => s.band.length > 0);
  const notes = [empty ? 'no validation scores kept' : roc ? 'diagonal = chance' : null];
  if (banded) notes.push('shaded: pointwise 95% bootstrap band');
  return (
    <ChartPanel
      title={roc ? 'ROC curve' : 'Precision–recall curve'}
      testId={`compare-chart-${props.kind}`}
      note={notes.filter(Boolean).join(' · ') || undefined}
    >
      <ComposedChart margin={{ top: 4, right: 14, bottom: 16, left: 0 }}>
        <CartesianGrid stroke="#e3e8ef" />
        <XAxis
          type="number"
          dataKey="x"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          tick={tickStyle}
          label={axisLabel(roc ? 'false positive rate' : 'recall')}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          tick={tickStyle}
          width={46}
        />
        <Tooltip
          formatter={formatValue}
          labelFormatter={(x) => `${roc ? 'FPR' : 'recall'} ${formatValue(x)}`}
        />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        {roc && (
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            stroke="#b8c1cc"
            strokeDasharray="4 4"
          />
        )}
        {series.map(({ run, band }) => (
          <Area
            key={`band-${run.id}`}
            data={band}
            dataKey="range"
            name={`${run.name} 95% band`}
            fill={props.colours[run.id]}
            fillOpacity={0.14}
            stroke="none"
            type={roc ? 'linear' : 'stepAfter'}
            legendType="none"
            isAnimationActive={false}
          />
        ))}
        {series.map(({ run, points }) => (
          <Line
            key={run.id}
            data={points}
            dataKey="y"
            name={run.name}
            stroke={props.colours[run.id]}
            strokeWidth={2}
            dot={false}
            type={roc ? 'linear' : 'stepAfter'}
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
    </ChartPanel>
  );
}

/** Validation accuracy and loss per epoch, ROC and PR curves: every compared run in its own colour. */
export function CompareCharts(props: ChartsProps) {
  return (
    <div className="compare-charts">
      <EpochChart {...props} metric="valAccuracy" title="Validation accuracy" />
      <EpochChart {...props} metric="valLoss" title="Validation loss" />
      <CurveChart {...props} kind="roc" />
      <CurveChart {...props} kind="pr" />
    </div>
  );
}
