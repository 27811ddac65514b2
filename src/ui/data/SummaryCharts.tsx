import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DatasetSummary } from '../../core/events';
import { formatCount } from '../format';

const PURCHASE = '#1f6feb';
const CLICK = '#9db7d9';
const TOP = 15;

const tickStyle = { fontSize: 11, fill: '#5b6776' };
const formatTick = (v: number) => (v >= 1000 ? `${Math.round(v / 100) / 10}k` : String(v));

/** Events per month (purchases vs clicks) and the top categories. */
export function SummaryCharts({ summary }: { summary: DatasetSummary }) {
  const top = summary.topCategories.slice(0, TOP);
  return (
    <div className="charts">
      <div className="panel chart-panel">
        <h2>Events per month</h2>
        <ResponsiveContainer width="100%" height={340}>
          <BarChart data={summary.eventsPerMonth} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e3e8ef" vertical={false} />
            <XAxis dataKey="month" tick={tickStyle} interval="preserveStartEnd" minTickGap={12} />
            <YAxis yAxisId="clicks" tick={tickStyle} tickFormatter={formatTick} width={44} />
            <YAxis
              yAxisId="purchases"
              orientation="right"
              tick={tickStyle}
              tickFormatter={formatTick}
              width={44}
            />
            <Tooltip formatter={(v) => formatCount(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="clicks"
              dataKey="clicks"
              name="clicks (left axis)"
              fill={CLICK}
              isAnimationActive={false}
            />
            <Bar
              yAxisId="purchases"
              dataKey="purchases"
              name="purchases (right axis)"
              fill={PURCHASE}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="panel chart-panel">
        <h2>Top {top.length} categories by events</h2>
        <ResponsiveContainer width="100%" height={Math.max(160, top.length * 20 + 40)}>
          <BarChart data={top} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e3e8ef" horizontal={false} />
            <XAxis type="number" tick={tickStyle} tickFormatter={formatTick} />
            <YAxis type="category" dataKey="name" tick={tickStyle} width={150} interval={0} />
            <Tooltip formatter={(v) => formatCount(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="purchases" stackId="a" name="purchases" fill={PURCHASE} isAnimationActive={false} />
            <Bar dataKey="clicks" stackId="a" name="clicks" fill={CLICK} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
