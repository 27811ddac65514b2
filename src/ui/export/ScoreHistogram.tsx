import { useMemo } from 'react';
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
import { buildScoreHistogram, LABEL_SOURCES, type ScoreIndex } from '../../store/exportSummary';
import { formatCount } from '../format';
import { SOURCE_COLOURS, SOURCE_LABELS } from './labels';

const BINS = 20;
const tickStyle = { fontSize: 11, fill: '#5b6776' };
const formatTick = (v: number) => (v >= 1000 ? `${Math.round(v / 100) / 10}k` : String(v));

/** Users per score bin, stacked by label source, with the threshold marked. */
export function ScoreHistogram({ index, threshold }: { index: ScoreIndex; threshold: number }) {
  const data = useMemo(
    () =>
      buildScoreHistogram(index, BINS).map((bar) => ({
        bin: bar.from.toFixed(2),
        range: `${bar.from.toFixed(2)}–${bar.to.toFixed(2)}`,
        ...bar.counts,
      })),
    [index],
  );
  const thresholdBin = Math.min(BINS - 1, Math.floor(threshold * BINS)) / BINS;
  return (
    <div className="score-histogram" data-testid="score-histogram">
      <h3>Scores of all users</h3>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 14, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid stroke="#e3e8ef" vertical={false} />
          <XAxis dataKey="bin" tick={tickStyle} interval={1} />
          <YAxis tick={tickStyle} tickFormatter={formatTick} width={44} />
          <Tooltip
            formatter={(v) => formatCount(Number(v))}
            labelFormatter={(_, items) => `score ${String(items?.[0]?.payload?.range ?? '')}`}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {LABEL_SOURCES.map((source) => (
            <Bar
              key={source}
              dataKey={source}
              name={SOURCE_LABELS[source]}
              stackId="users"
              fill={SOURCE_COLOURS[source]}
              isAnimationActive={false}
            />
          ))}
          <ReferenceLine
            x={thresholdBin.toFixed(2)}
            stroke="#b42318"
            strokeDasharray="4 3"
            label={{
              value: `threshold ${threshold.toFixed(2)}`,
              position: 'top',
              fontSize: 11,
              fill: '#b42318',
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
