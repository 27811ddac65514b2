import { useEffect } from 'react';
import { useLab } from '../../store';
import { pickExportRun } from '../../store/exportActions';
import { applyBackendChoice } from '../../store/trainActions';
import { ExplainPanel } from '../explain/ExplainPanel';
import { BundleDropZone } from './BundleDropZone';
import { RunExportPanel } from './RunExportPanel';
import { ScorePanel } from './ScorePanel';
import './export.css';

/** Step 5: download a run's model files and bundle, restore a bundle, score every user and export the tags. */
export function ExportScreen() {
  const run = useLab(pickExportRun);
  const loadedAt = useLab((s) => s.dataset?.loadedAt ?? null);
  useEffect(() => {
    // start the chosen backend now, so the header shows what scoring will run on
    if (loadedAt) void applyBackendChoice();
  }, [loadedAt]);
  return (
    <div className="screen export-screen">
      <div className="export-top">
        <RunExportPanel run={run} />
        <BundleDropZone />
      </div>
      <ScorePanel run={run} />
      <ExplainPanel run={run} />
    </div>
  );
}
