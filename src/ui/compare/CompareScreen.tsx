import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import {
  clearCompareError,
  dismissStorageMessages,
  loadRunCurves,
  loadThresholdMetrics,
  loadTruthAt,
  loadVerdicts,
  selectComparedRuns,
} from '../../store/compareActions';
import { AuditPanel } from './AuditPanel';
import { CompareCharts } from './CompareCharts';
import { colourRuns } from './compareLogic';
import { DoctoredPanel } from './DoctoredPanel';
import { RepeatGroups } from './RepeatGroups';
import { RunsManager } from './RunsManager';
import { ScoreHistograms } from './ScoreHistograms';
import { SettingsDiff } from './SettingsDiff';
import { ThresholdTable } from './ThresholdTable';
import { TruthPanel } from './TruthPanel';
import { VerdictPanel } from './VerdictPanel';
import './compare.css';

function Messages() {
  const { storageMessages, compareError } = useLab(
    useShallow((s) => ({ storageMessages: s.storageMessages, compareError: s.compareError })),
  );
  if (storageMessages.length === 0 && !compareError) return null;
  return (
    <>
      {storageMessages.length > 0 && (
        <div className="panel panel-warning" role="status" data-testid="storage-messages">
          {storageMessages.map((m) => (
            <p key={m}>{m}</p>
          ))}
          <button type="button" className="small-button" onClick={dismissStorageMessages}>
            Dismiss
          </button>
        </div>
      )}
      {compareError && (
        <div className="panel panel-error" role="alert">
          <p>{compareError}</p>
          <button type="button" className="small-button" onClick={clearCompareError}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

/** Runs side by side, as a practitioner used to TensorBoard / W&B run comparison expects, plus the method's checks. */
export function CompareScreen() {
  const {
    runs,
    compareSelection,
    threshold,
    thresholdMetrics,
    metricsThreshold,
    runCurves,
    truthAt,
    intervalsAt,
    verdicts,
    verdictsThreshold,
    loadedAt,
  } = useLab(
    useShallow((s) => ({
      runs: s.runs,
      compareSelection: s.compareSelection,
      threshold: s.threshold,
      thresholdMetrics: s.thresholdMetrics,
      metricsThreshold: s.metricsThreshold,
      runCurves: s.runCurves,
      truthAt: s.truthAt,
      intervalsAt: s.intervalsAt,
      verdicts: s.verdicts,
      verdictsThreshold: s.verdictsThreshold,
      loadedAt: s.dataset?.loadedAt ?? null,
    })),
  );
  const colours = useMemo(() => colourRuns(runs), [runs]);
  const compared = useMemo(() => selectComparedRuns({ runs, compareSelection }), [runs, compareSelection]);
  const ids = compared.map((r) => r.id).join('\n');
  useEffect(() => {
    if (ids) void loadRunCurves(ids.split('\n'));
  }, [ids]);
  useEffect(() => {
    if (ids) void loadThresholdMetrics(ids.split('\n'), threshold);
  }, [ids, threshold]);
  useEffect(() => {
    if (ids) void loadVerdicts(ids.split('\n'), threshold);
  }, [ids, threshold]);
  // runs with truth figures: recomputed at the threshold against the loaded dataset's truth (again when it changes)
  const truthIds = compared
    .filter((r) => r.evaluation?.truth)
    .map((r) => r.id)
    .join('\n');
  useEffect(() => {
    if (truthIds) void loadTruthAt(truthIds.split('\n'), threshold);
  }, [truthIds, threshold, loadedAt]);
  return (
    <div className="screen compare-screen">
      <Messages />
      <RunsManager colours={colours} />
      {compared.length === 0 ? (
        runs.length > 0 && (
          <p className="panel muted">Tick at least one finished run above to see its curves and metrics.</p>
        )
      ) : (
        <>
          {compared.length === 1 && (
            <p className="notice">One run ticked: tick a second run to compare them side by side.</p>
          )}
          <RepeatGroups runs={compared} />
          <CompareCharts runs={compared} curves={runCurves} colours={colours} />
          <ThresholdTable
            runs={compared}
            metrics={thresholdMetrics}
            intervals={intervalsAt}
            intervalsAt={verdictsThreshold}
            threshold={threshold}
            shownAt={metricsThreshold}
            colours={colours}
          />
          <VerdictPanel runs={compared} verdicts={verdicts} threshold={verdictsThreshold} />
          <ScoreHistograms runs={compared} curves={runCurves} colours={colours} threshold={threshold} />
          <DoctoredPanel runs={compared} colours={colours} />
          <TruthPanel runs={compared} truthAt={truthAt} colours={colours} />
          <SettingsDiff runs={compared} colours={colours} />
        </>
      )}
      <AuditPanel />
    </div>
  );
}
