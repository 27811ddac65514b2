import { useShallow } from 'zustand/react/shallow';
import { SWEEP_PARAMETERS, type SweepParameter, type SweepPointResult } from '../../core/sweeps';
import { useLab } from '../../store';
import { cancelSweep, changeSweepDraft, startSweep, trainSweepPoint } from '../../store/sweepActions';
import { formatEstimate } from '../../core/evaluation';
import type { SweepOutcome } from '../../worker/protocol/sweepMessages';
import { ParallelCoordinates } from './ParallelCoordinates';
import { SweepProgressBar } from './SweepJob';
import './sweeps.css';

const LABELS: Record<SweepParameter, string> = {
  hidden: 'Hidden size',
  dropout: 'Dropout',
  l2: 'L2',
  learningRate: 'Learning rate',
};

const formatValue = (v: number | undefined) => (v === undefined ? '—' : String(Number(v.toPrecision(4))));
/** `0.912 [0.871, 0.953]`: the mean validation AUC with its 95% interval (DeLong, see runSweep). */
const formatAuc = (p: SweepPointResult) =>
  p.valAuc === null ? '—' : formatEstimate({ value: p.valAuc, ci95: p.valAucCi95 ?? [NaN, NaN] });

function SweepFields() {
  const draft = useLab((s) => s.sweepDraft);
  return (
    <div className="sweep-fields">
      {SWEEP_PARAMETERS.map((name) => (
        <label key={name}>
          <span>{LABELS[name]}</span>
          <input
            type="text"
            value={draft.values[name]}
            placeholder="not swept"
            aria-label={`${LABELS[name]} values`}
            onChange={(e) => changeSweepDraft({ values: { ...draft.values, [name]: e.target.value } })}
          />
        </label>
      ))}
      <label>
        <span>Points</span>
        <select
          value={draft.mode}
          aria-label="Sweep mode"
          onChange={(e) => changeSweepDraft({ mode: e.target.value as 'grid' | 'random' })}
        >
          <option value="grid">every combination</option>
          <option value="random">seeded random sample</option>
        </select>
      </label>
      {draft.mode === 'random' && (
        <label>
          <span>Samples</span>
          <input
            type="number"
            min={1}
            value={draft.samples}
            aria-label="Random samples"
            onChange={(e) => changeSweepDraft({ samples: Number(e.target.value) })}
          />
        </label>
      )}
      <label>
        <span>Repeats</span>
        <input
          type="number"
          min={1}
          max={10}
          value={draft.repeats}
          aria-label="Repeats per point"
          onChange={(e) => changeSweepDraft({ repeats: Number(e.target.value) })}
        />
      </label>
    </div>
  );
}

function SweepTable({
  points,
  best,
  busy,
}: {
  points: SweepPointResult[];
  best: number | null;
  busy: boolean;
}) {
  const swept = SWEEP_PARAMETERS.filter((n) => points.some((p) => p.settings[n] !== undefined));
  return (
    <table className="data-table compact sweep-table" aria-label="Sweep results">
      <thead>
        <tr>
          <th className="num">#</th>
          {swept.map((n) => (
            <th key={n} className="num">
              {LABELS[n]}
            </th>
          ))}
          <th className="num">Runs</th>
          <th className="num">Val ROC AUC [95%]</th>
          <th className="num">± sd, range</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.index} className={p.index === best ? 'best-row' : undefined}>
            <td className="num muted">{p.index + 1}</td>
            {swept.map((n) => (
              <td key={n} className="num">
                {formatValue(p.settings[n])}
              </td>
            ))}
            <td className="num">{p.runs.length}</td>
            <td className="num">
              {formatAuc(p)}
              {p.index === best && <span className="best-mark"> best</span>}
            </td>
            <td className="num muted">
              {p.valAucMin !== null && p.valAucMax !== null && p.valAucSd !== null && p.runs.length > 1
                ? `± ${p.valAucSd.toFixed(3)}, ${p.valAucMin.toFixed(3)}–${p.valAucMax.toFixed(3)}`
                : ''}
            </td>
            <td>
              <button
                type="button"
                className="link-button"
                disabled={busy}
                onClick={() => trainSweepPoint(p)}
              >
                Train this
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The best point in words, with its interval: what an analyst quotes. */
function BestPoint({ outcome }: { outcome: SweepOutcome }) {
  const best = outcome.best === null ? null : outcome.points[outcome.best];
  if (!best) return null;
  const settings = SWEEP_PARAMETERS.filter((n) => best.settings[n] !== undefined)
    .map((n) => `${LABELS[n].toLowerCase()} ${formatValue(best.settings[n])}`)
    .join(', ');
  const runs = best.runs.length;
  return (
    <p className="small" data-testid="sweep-best">
      <strong>Best:</strong> point {best.index + 1} ({settings}): validation ROC AUC {formatAuc(best)}, 95%
      interval from DeLong{runs > 1 ? ` over ${runs} runs sharing the validation users` : ''}. Where another
      point’s interval overlaps it, this sweep cannot tell the two apart with confidence.
    </p>
  );
}

/** Sweep hidden size, dropout, L2 and learning rate from the settings above; one row per point. */
export function SweepPanel() {
  const s = useLab(
    useShallow((st) => ({
      running: st.sweepRunning,
      outcome: st.sweepOutcome,
      error: st.sweepError,
      kind: st.trainSettings.kind,
    })),
  );
  const progress = s.running?.progress ?? null;
  const livePoints = s.running ? Object.values(s.running.points).sort((a, b) => a.index - b.index) : null;
  return (
    <section className="panel sweep-panel" aria-label="Sweep">
      <h2>Sweep</h2>
      <p className="muted small">
        Values as <code>16,32</code>, or a range <code>0.001:0.01</code> for a random sample; empty fields
        keep the setting above. Every run of the {s.kind} model trains on the same split; the best mean
        validation AUC is marked.
      </p>
      <SweepFields />
      <div className="sweep-buttons">
        <button
          type="button"
          className="primary"
          disabled={s.running !== null}
          onClick={() => void startSweep()}
        >
          Start sweep
        </button>
        {s.running && (
          <button type="button" onClick={cancelSweep}>
            Cancel
          </button>
        )}
      </div>
      {s.running && <SweepProgressBar progress={progress} />}
      {s.error && (
        <p className="error-text small" role="alert">
          {s.error}
        </p>
      )}
      {livePoints && livePoints.length > 0 && (
        <>
          <SweepTable points={livePoints} best={null} busy />
          <ParallelCoordinates points={livePoints} best={null} labels={LABELS} />
        </>
      )}
      {!s.running && s.outcome && (
        <>
          <p className="small" data-testid="sweep-summary">
            {s.outcome.status === 'cancelled' ? 'Cancelled: ' : ''}
            {s.outcome.points.filter((p) => p.runs.length > 0).length} of {s.outcome.points.length} points
            trained on {s.outcome.trainUsers} users (validation {s.outcome.validationUsers}),{' '}
            {s.outcome.repeats} run
            {s.outcome.repeats > 1 ? 's' : ''} each,{' '}
            {s.outcome.seconds.toFixed(s.outcome.seconds < 10 ? 1 : 0)} s on {s.outcome.backend}
            {s.outcome.workers > 1 ? `, ${s.outcome.workers} workers side by side` : ''}.
          </p>
          {s.outcome.workersNotice && (
            <p className="notice small" data-testid="sweep-workers-notice">
              {s.outcome.workersNotice}
            </p>
          )}
          <BestPoint outcome={s.outcome} />
          <SweepTable points={s.outcome.points} best={s.outcome.best} busy={false} />
          <ParallelCoordinates points={s.outcome.points} best={s.outcome.best} labels={LABELS} />
        </>
      )}
    </section>
  );
}
