import { memo, useEffect, useMemo, useState } from 'react';
import { describeError } from '../../core/errors';
import type { RunRecord, RunStatus } from '../../core/runs';
import { fetchRunWeights } from '../../store/modelSummaryActions';
import type { RunWeights, WeightTensorSummary } from '../../worker/protocol/weightsMessages';
import { histogramBins } from './histogram';
import './weights.css';

const HISTOGRAM_HEIGHT = 110;
const HISTOGRAM_WIDTH = 220;
const BINS = 30;
/** runs whose weights can exist: finished, stopped, or cut off by a reload after at least one saved epoch */
const FINISHED: readonly RunStatus[] = ['done', 'stopped', 'interrupted'];

const formatStat = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1));
const formatEdge = (v: number) => (Math.abs(v) >= 0.1 || v === 0 ? v.toFixed(2) : v.toExponential(0));

/**
 * One histogram as plain SVG. tfjs-vis drew these with vega, which compiles each chart on the main thread: 50-160 ms
 * a chart at the end of every run on this 2-core machine (trace in the note of issue 18). Thirty bars need none of it.
 */
const WeightHistogram = memo(function WeightHistogram({ sample }: { sample: Float32Array }) {
  const bins = useMemo(() => histogramBins(sample, BINS), [sample]);
  const tallest = Math.max(1, ...bins.counts);
  const plotHeight = HISTOGRAM_HEIGHT - 16;
  const barWidth = HISTOGRAM_WIDTH / Math.max(1, bins.counts.length);
  const zeroAt =
    bins.min < 0 && bins.max > 0 ? ((0 - bins.min) / (bins.max - bins.min)) * HISTOGRAM_WIDTH : null;
  return (
    <div className="weights-chart">
      <svg
        viewBox={`0 0 ${HISTOGRAM_WIDTH} ${HISTOGRAM_HEIGHT}`}
        width="100%"
        height={HISTOGRAM_HEIGHT}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Histogram of ${sample.length} values from ${formatEdge(bins.min)} to ${formatEdge(bins.max)}`}
      >
        {bins.counts.map((count, i) => {
          const h = (count / tallest) * plotHeight;
          return (
            <rect
              key={i}
              className="weights-bar"
              x={i * barWidth + 0.5}
              y={plotHeight - h}
              width={Math.max(0.5, barWidth - 1)}
              height={h}
            >
              <title>{`${count.toLocaleString()} values`}</title>
            </rect>
          );
        })}
        {zeroAt !== null && <line className="weights-zero" x1={zeroAt} x2={zeroAt} y1={0} y2={plotHeight} />}
        <line className="weights-axis" x1={0} x2={HISTOGRAM_WIDTH} y1={plotHeight} y2={plotHeight} />
      </svg>
      <div className="weights-edges small muted num" aria-hidden="true">
        <span>{formatEdge(bins.min)}</span>
        <span>{formatEdge(bins.max)}</span>
      </div>
    </div>
  );
});

function WeightCell({ tensor }: { tensor: WeightTensorSummary }) {
  return (
    <figure className="weights-cell" data-testid="weight-tensor">
      <figcaption>
        <span className="weights-name">
          {tensor.layer} <span className="muted">· {tensor.weight}</span>
        </span>
        <code>[{tensor.shape.join(' × ')}]</code>
      </figcaption>
      <WeightHistogram sample={tensor.sample} />
      <p className="muted small weights-stats">
        <span>
          mean {formatStat(tensor.mean)} ± {formatStat(tensor.std)}
        </span>
        <span>
          range {formatStat(tensor.min)} to {formatStat(tensor.max)}
          {tensor.sample.length < tensor.count && ` · ${tensor.sample.length.toLocaleString()} sampled`}
        </span>
      </p>
    </figure>
  );
}

/** cells added per animation frame: a run's end then renders in short tasks, however many tensors the model has */
const CELLS_PER_FRAME = 3;

function WeightsGrid({ tensors }: { tensors: readonly WeightTensorSummary[] }) {
  const [shown, setShown] = useState(Math.min(CELLS_PER_FRAME, tensors.length));
  useEffect(() => {
    if (shown >= tensors.length) return;
    const frame = requestAnimationFrame(() => setShown((n) => n + CELLS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [shown, tensors.length]);
  return (
    <div className="weights-grid" data-testid="weights-grid">
      {tensors.slice(0, shown).map((t, i) => (
        <WeightCell key={i} tensor={t} />
      ))}
    </div>
  );
}

interface Loaded {
  runId: string;
  weights: RunWeights | null;
  error: string | null;
}

/** Fetches the run's weights once it has finished, again when the selection or the run's status changes. */
function useRunWeights(runId: string, ready: boolean): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    fetchRunWeights(runId).then(
      (weights) => live && setLoaded({ runId, weights, error: null }),
      (error: unknown) => live && setLoaded({ runId, weights: null, error: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [runId, ready]);
  return loaded?.runId === runId ? loaded : null;
}

/** Per-layer weight distributions of the shown run. */
export const WeightsPanel = memo(function WeightsPanel({ record }: { record: RunRecord }) {
  const ready = FINISHED.includes(record.status);
  const loaded = useRunWeights(record.id, ready);
  return (
    <section className="panel weights-panel" aria-label="Weights">
      <h2>
        Weights <span className="muted small">{record.name}</span>
      </h2>
      <p className="muted small">
        One histogram per weight tensor (a seeded sample of at most 5,000 values). L2 and dropout keep weights
        small and centred; a few very large kernel weights mean the model leans on a handful of inputs, which
        on the rule categories means it memorises the rules rather than learning from the rest.
      </p>
      {!ready ? (
        <p className="muted">
          {record.status === 'failed'
            ? 'This run failed, so it has no trained weights.'
            : 'The weights appear when this run finishes.'}
        </p>
      ) : !loaded ? (
        <p className="muted">Reading the weights…</p>
      ) : loaded.error ? (
        <p className="error-text">{loaded.error}</p>
      ) : (
        <WeightsGrid key={record.id} tensors={loaded.weights?.tensors ?? []} />
      )}
    </section>
  );
});
