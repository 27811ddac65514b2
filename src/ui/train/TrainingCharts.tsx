import { memo, useEffect, useMemo, useState } from 'react';
import type { RunRecord } from '../../core/runs';
import type { RunProgress } from '../../store/runsSlice';
import {
  buildBatchPoints,
  buildEpochPoints,
  downsampleBatchPoints,
  epochTicks,
  lossTicks,
  type BatchPoint,
  type EpochPoint,
} from './curves';
import { useNextTaskValue, useThrottledValue } from './useThrottledValue';
import { CurveChart } from './CurveChart';

/** a chart is ~500 px wide: more batch points than this draw nothing new */
const MAX_BATCH_POINTS = 240;
/** the curves take a new value at most this often while a run trains (progress arrives ~10 times a second) */
const CHART_INTERVAL_MS = 1000;

interface ChartProps {
  title: string;
  metric: 'loss' | 'accuracy';
  epochs: EpochPoint[];
  batches: BatchPoint[];
  maxEpoch: number;
}

/** Accuracy axis from a round lower bound under the lowest value up to 1, with round ticks. */
function accuracyTicks(epochs: EpochPoint[], batches: BatchPoint[]): number[] {
  const values = [
    ...epochs.flatMap((e) => [e.accuracy, e.valAccuracy ?? 1]),
    ...batches.map((b) => b.accuracy),
  ];
  const lowest = Math.min(1, ...values.filter(Number.isFinite));
  const step = lowest >= 0.7 ? 0.05 : 0.1;
  const lower = Math.max(0, Math.floor(lowest / step) * step);
  const ticks: number[] = [];
  for (let t = lower; t <= 1 + 1e-9; t += step) ticks.push(Number(t.toFixed(2)));
  return ticks;
}

const MetricChart = memo(function MetricChart({ title, metric, epochs, batches, maxEpoch }: ChartProps) {
  // round ticks on both axes, from the values shown
  const ticks = useMemo(
    () =>
      metric === 'accuracy'
        ? accuracyTicks(epochs, batches)
        : lossTicks([...epochs.flatMap((e) => [e.loss, e.valLoss ?? 0]), ...batches.map((b) => b.loss)]),
    [metric, epochs, batches],
  );
  const xTicks = useMemo(() => epochTicks(maxEpoch), [maxEpoch]);
  return (
    <div className="chart-panel" data-testid={`chart-${metric}`} data-epoch-points={epochs.length}>
      <h3>
        {title}
        {epochs.length === 0 && batches.length === 0 && (
          <span className="muted small"> · waiting for the first batch…</span>
        )}
      </h3>
      <CurveChart
        title={title}
        metric={metric}
        epochs={epochs}
        batches={batches}
        xMax={maxEpoch}
        xTicks={xTicks}
        yTicks={ticks}
        yDomain={[ticks[0], metric === 'accuracy' ? 1 : ticks[ticks.length - 1]]}
      />
    </div>
  );
});

/**
 * False until the task after the first render: the loss chart mounts one task after the accuracy chart (when both
 * were recharts charts, mounting them in one task held the main thread ~100 ms on a loaded machine).
 */
function useAfterFirstTask(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(id);
  }, []);
  return ready;
}

/** Accuracy and loss per epoch (train and validation) with the smoothed per-batch training line. */
export function TrainingCharts({ record, live }: { record: RunRecord; live: RunProgress | undefined }) {
  const [smoothing, setSmoothing] = useState(0.6);
  // while the run trains, the curves follow its progress at most every CHART_INTERVAL_MS (in an animation frame)
  const epochLogs = useThrottledValue(record.epochs, live ? CHART_INTERVAL_MS : 0, record.id);
  const batchLogs = useThrottledValue(
    live?.batches ?? record.batches,
    live ? CHART_INTERVAL_MS : 0,
    record.id,
  );
  const epochs = useMemo(() => buildEpochPoints(epochLogs), [epochLogs]);
  const batches = useMemo(
    () =>
      downsampleBatchPoints(
        buildBatchPoints(batchLogs, live?.batchesPerEpoch ?? 0, smoothing),
        MAX_BATCH_POINTS,
      ),
    [batchLogs, live?.batchesPerEpoch, smoothing],
  );
  // the loss chart takes each change one task after the accuracy chart: two renders, two short tasks
  const lossEpochs = useNextTaskValue(epochs);
  const lossBatches = useNextTaskValue(batches);
  const maxEpoch = Math.max(record.hyperparameters.epochs, record.epochs.length);
  const showLoss = useAfterFirstTask();
  return (
    <section className="panel training-charts" aria-label={`Curves of ${record.name}`}>
      <div className="charts-head">
        <h2>
          {record.name} <span className="muted small">curves</span>
        </h2>
        <label className="smoothing">
          Smoothing <output className="num">{smoothing.toFixed(2)}</output>
          <input
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
          />
        </label>
      </div>
      <div className="charts">
        <MetricChart
          title="Accuracy"
          metric="accuracy"
          epochs={epochs}
          batches={batches}
          maxEpoch={maxEpoch}
        />
        {showLoss && (
          <MetricChart
            title="Loss"
            metric="loss"
            epochs={lossEpochs}
            batches={lossBatches}
            maxEpoch={maxEpoch}
          />
        )}
      </div>
    </section>
  );
}
