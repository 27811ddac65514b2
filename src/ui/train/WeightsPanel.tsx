import type * as TfVisModule from '@tensorflow/tfjs-vis';
import { useEffect, useRef, useState } from 'react';
import type { RunRecord, RunStatus } from '../../core/runs';
import { fetchRunWeights } from '../../store/trainActions';
import type { RunWeights, WeightTensorSummary } from '../../worker/protocol/weightsMessages';
import './weights.css';
import { describeError } from '../../core/errors';

const HISTOGRAM_COLOR = '#1f6feb';
const HISTOGRAM_HEIGHT = 110;
/** runs whose weights can exist: finished, stopped, or cut off by a reload after at least one saved epoch */
const FINISHED: readonly RunStatus[] = ['done', 'stopped', 'interrupted'];

type TfVis = typeof TfVisModule;
let visModule: Promise<TfVis> | null = null;

/** tfjs-vis pulls in vega: load it the first time a histogram is drawn, not with the page. */
function loadVis(): Promise<TfVis> {
  visModule ??= import('@tensorflow/tfjs-vis');
  return visModule;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
let drawQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs chart draws one after another, each in a task of its own. vega compiles and renders a chart synchronously
 * (~20 ms each); when a run ended, every tensor's histogram started at once and their microtasks chained into one
 * ~200-270 ms main-thread task (CPU profile in e2e/longtask.spec.ts's setting). A break between draws keeps each
 * task short.
 */
function drawInTurn<T>(draw: () => Promise<T>): Promise<T> {
  const turn = drawQueue.then(nextTask).then(draw);
  drawQueue = turn.catch(() => undefined);
  return turn;
}

const formatStat = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1));

function WeightHistogram({ sample }: { sample: Float32Array }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let live = true;
    let finalize: (() => void) | undefined;
    loadVis()
      .then((tfvis) =>
        drawInTurn(async () =>
          live
            ? tfvis.render.histogram(el, sample, {
                width: el.clientWidth,
                height: HISTOGRAM_HEIGHT,
                maxBins: 30,
                fontSize: 10,
                stats: false,
                color: HISTOGRAM_COLOR,
              })
            : undefined,
        ),
      )
      .then((result) => {
        if (live) finalize = result?.finalize;
        else result?.finalize();
      })
      .catch((error: unknown) => live && setFailed(describeError(error)));
    return () => {
      live = false;
      finalize?.();
      el.replaceChildren();
    };
  }, [sample]);
  if (failed) return <p className="error-text small">The histogram could not be drawn: {failed}</p>;
  return <div ref={host} className="weights-chart" />;
}

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

/** Per-layer weight distributions of the shown run, drawn with tfjs-vis into this panel. */
export function WeightsPanel({ record }: { record: RunRecord }) {
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
        <div className="weights-grid" data-testid="weights-grid">
          {loaded.weights?.tensors.map((t, i) => (
            <WeightCell key={`${record.id}-${i}`} tensor={t} />
          ))}
        </div>
      )}
    </section>
  );
}
