import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunRecord } from '../../core/runs';
import { useLab } from '../../store';
import { deleteRun, renameRun, selectComparedRuns, setCompared } from '../../store/compareActions';
import { isComparable } from '../../store/compareSlice';
import { describeBackend, formatDuration } from '../../store/trainProgress';
import { describeKeyHyperparameters } from '../../store/trainSettings';
import { hasLeakageGuard, summariseRules } from './compareLogic';

function EditableName({ run }: { run: RunRecord }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null)
    return (
      <button
        type="button"
        className="run-name"
        title="Rename this run"
        data-testid="run-name"
        onClick={() => setDraft(run.name)}
      >
        {run.name}
        <span aria-hidden="true" className="edit-mark">
          ✎
        </span>
      </button>
    );
  const commit = () => {
    void renameRun(run.id, draft);
    setDraft(null);
  };
  return (
    <input
      className="run-name-input"
      aria-label={`New name for ${run.name}`}
      value={draft}
      autoFocus
      maxLength={80}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}

function DeleteCell({ run, training }: { run: RunRecord; training: boolean }) {
  const [confirming, setConfirming] = useState(false);
  if (training)
    return (
      <span className="muted small" title="Stop the run on the Train screen first">
        training…
      </span>
    );
  if (!confirming)
    return (
      <button type="button" className="danger small-button" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  return (
    <span className="confirm-delete" role="group" aria-label={`Delete ${run.name}?`}>
      <span className="small">Delete model and saved copy?</span>
      <button type="button" className="danger small-button" onClick={() => void deleteRun(run.id)}>
        Yes, delete
      </button>
      <button type="button" className="small-button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}

function RunRow(props: { run: RunRecord; colour: string; compared: boolean; training: boolean }) {
  const { run, colour, compared, training } = props;
  const comparable = isComparable(run);
  const status = training ? 'running' : run.status;
  return (
    <tr data-testid="compare-run-row" data-run-id={run.id} data-status={status}>
      <td>
        <input
          type="checkbox"
          aria-label={`Compare ${run.name}`}
          checked={compared}
          disabled={!comparable}
          title={comparable ? undefined : 'Only finished runs with at least one epoch can be compared'}
          onChange={(e) => setCompared(run.id, e.target.checked)}
        />
      </td>
      <td>
        <span className="swatch" style={{ background: colour }} aria-hidden="true" />
      </td>
      <td>
        <EditableName run={run} />
        {run.group && (
          <span className="muted small" data-testid="run-group-tag">
            {' '}
            {run.group.mode === 'seeds' ? 'seed' : 'fold'} {run.group.index + 1} of {run.group.of}
          </span>
        )}
      </td>
      <td>{run.kind}</td>
      <td className="small">{describeKeyHyperparameters(run.kind, run.hyperparameters)}</td>
      <td className="small rules-cell" title={summariseRules(run)}>
        <span className="rules-summary">{summariseRules(run)}</span>
        <span className={hasLeakageGuard(run) ? 'guard on' : 'guard'}>
          leakage guard {hasLeakageGuard(run) ? 'on' : 'off'}
        </span>
      </td>
      <td className="small">{describeBackend(run.backend, run.renderer)}</td>
      <td className="num">{formatDuration(run.durationMs)}</td>
      <td>
        <span className={`status status-${status}`} title={run.message ?? undefined}>
          {status}
        </span>
      </td>
      <td>
        <DeleteCell run={run} training={training} />
      </td>
    </tr>
  );
}

/** Every run (this session's and the saved ones): rename, tick to compare, delete. */
export function RunsManager({ colours }: { colours: Record<string, string> }) {
  const { runs, live, compareSelection, restoring } = useLab(
    useShallow((s) => ({
      runs: s.runs,
      live: s.live,
      compareSelection: s.compareSelection,
      restoring: s.runsRestore === 'restoring',
    })),
  );
  const comparedSet = new Set(selectComparedRuns({ runs, compareSelection }).map((r) => r.id));
  return (
    <section className="panel" aria-label="Runs to compare">
      <h2>
        Runs <span className="muted small">· tick runs to compare them; click a name to rename it</span>
      </h2>
      {runs.length === 0 ? (
        <p className="muted">
          {restoring
            ? 'Looking for runs saved in this browser…'
            : 'No runs yet. Train models on the Train screen; every finished run appears here and is kept in this browser.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compare-runs">
            <thead>
              <tr>
                <th aria-label="Compare" />
                <th aria-label="Colour" />
                <th>Name</th>
                <th>Model</th>
                <th>Settings</th>
                <th>Rules</th>
                <th>Backend</th>
                <th className="num">Duration</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <RunRow
                  key={run.id}
                  run={run}
                  colour={colours[run.id]}
                  compared={comparedSet.has(run.id)}
                  training={live[run.id] !== undefined}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
