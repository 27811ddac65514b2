import { MAX_TRAIN_WORKERS, defaultTrainWorkers } from '../../core/training';
import { useLab } from '../../store';
import { setTrainWorkers } from '../../store/trainSettingsActions';
import { detectedCores } from '../../store/detectedCores';
import { NumberField } from '../shared/NumberField';

/** Workers of the next runs (data parallel), sweeps and audits (whole jobs side by side), beside what this machine reports (the default leaves one core free). */
export function WorkersField() {
  const workers = useLab((s) => s.trainSettings.workers);
  const cores = detectedCores();
  return (
    <div className="workers-field">
      <NumberField
        className="hyper-field"
        label="Workers"
        hint="A run: each worker trains on its share of every batch, the replicas staying identical (fast path only), and scores its share of the users. A sweep or the label audit: each worker trains whole runs or folds side by side"
        value={workers}
        least={1}
        most={MAX_TRAIN_WORKERS}
        whole
        width={76}
        testId="workers-field"
        onCommit={setTrainWorkers}
      />
      <p className="muted small" data-testid="workers-detected">
        This machine reports {cores} {cores === 1 ? 'core' : 'cores'}: default {defaultTrainWorkers(cores)}{' '}
        (one core left for the page, at most {MAX_TRAIN_WORKERS}).
      </p>
    </div>
  );
}
