import { memo, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { openRules } from '../../store/rulesActions';
import { pickShownRun, type RunProgress } from '../../store/runsSlice';
import { applyBackendChoice, dismissTrainError } from '../../store/trainActions';
import { SweepJob } from '../sweeps/SweepJob';
import { SweepPanel } from '../sweeps/SweepPanel';
import { GroupLiveStatus } from './GroupLiveStatus';
import { LiveStatus } from './LiveStatus';
import { ModelSummaryPanel } from './ModelSummaryPanel';
import { RunsList } from './RunsList';
import { TrainControls } from './TrainControls';
import { TrainingCharts } from './TrainingCharts';
import { WeightsPanel } from './WeightsPanel';
import './train.css';

// The screen re-renders on every progress message (about ten a second); these panels read the store themselves and
// need none of it, so they skip those renders.
const SettingsPanel = memo(TrainControls);
const SummaryPanel = memo(ModelSummaryPanel);
const Sweeps = memo(SweepPanel);

/** Step 3: train the three model variants on the rule labels and watch them learn. */
export function TrainScreen() {
  const s = useLab(
    useShallow((st) => ({
      loadedAt: st.dataset?.loadedAt ?? null,
      error: st.trainError,
      shown: pickShownRun(st),
      live: st.live,
      runs: st.runs,
      notices: st.runNotices,
      group: st.trainingGroup,
    })),
  );
  useEffect(() => {
    if (!s.loadedAt) return;
    // the rules are evaluated here too, so Train works without visiting the Rules screen first
    void openRules();
    void applyBackendChoice();
  }, [s.loadedAt]);
  if (!s.loadedAt) return <p className="panel muted">Load a dataset on the Data screen first.</p>;
  const running = Object.values(s.live)[0];
  // a group on job workers: every run of it, in group order, live or ended
  const groupLive = s.group?.runs.map((r) => ({
    ...r,
    record: s.runs.find((x) => x.id === r.id) ?? null,
    live: s.live[r.id] as RunProgress | undefined,
  }));
  const shownLive = s.shown ? s.live[s.shown.id] : undefined;
  return (
    <div className="screen train-screen">
      {s.error && (
        <div className="panel panel-error train-error" role="alert">
          <span>{s.error}</span>
          <button type="button" onClick={dismissTrainError}>
            Dismiss
          </button>
        </div>
      )}
      <div className="train-layout">
        <div className="train-side">
          <SettingsPanel />
          <SummaryPanel />
        </div>
        <div className="train-main">
          <SweepJob />
          {s.shown && s.notices[s.shown.id] && (
            <div className="panel panel-warning" role="status" data-testid="train-notice">
              <strong>{s.shown.name}:</strong> {s.notices[s.shown.id]}
            </div>
          )}
          {groupLive ? (
            <section className="panel" aria-label="Training now">
              <GroupLiveStatus
                runs={groupLive}
                // the lab worker's count once a run started (fewer where the store's copies do not fit the tab)
                workers={groupLive.find((r) => r.record?.jobWorkers)?.record?.jobWorkers ?? s.group!.workers}
                shownId={s.shown?.id ?? null}
              />
            </section>
          ) : (
            running && (
              <section className="panel" aria-label="Training now">
                <LiveStatus record={s.runs.find((r) => r.id === running.runId) ?? null} live={running} />
              </section>
            )
          )}
          {s.shown ? (
            // no key per run: a new run updates the charts instead of mounting new ones
            <TrainingCharts record={s.shown} live={shownLive} />
          ) : (
            <section className="panel muted charts-empty">
              The training curves appear here: accuracy and loss per epoch for training and validation, with a
              smoothed per-batch line.
            </section>
          )}
          <RunsList shownId={s.shown?.id ?? null} />
          {s.shown && <WeightsPanel record={s.shown} />}
          <Sweeps />
        </div>
      </div>
    </div>
  );
}
