import { useLab } from '../../store';
import { cancelDropChoice, chooseDropMode } from '../../store/dataActions';
import type { DatasetInfo } from '../../worker/protocol/dataMessages';
import { formatCount } from '../format';

/** Files dropped onto a loaded dataset: add them to it (the next month of an export), or replace it. */
export function DropChoice({ dataset }: { dataset: DatasetInfo }) {
  const files = useLab((s) => s.dropChoice);
  if (!files) return null;
  const { report } = dataset;
  const names = files.map((f) => f.name).join(', ');
  return (
    <section
      className="panel drop-choice"
      role="dialog"
      aria-label="Add or replace"
      data-testid="drop-choice"
    >
      <p>
        <strong>
          {files.length === 1 ? 'One file' : `${files.length} files`} dropped onto the loaded dataset
        </strong>{' '}
        <span className="muted">
          ({formatCount(report.events)} events, {formatCount(report.users)} users)
        </span>
        : <span className="filename">{names}</span>
      </p>
      <p className="muted small">
        Add joins them on the same user and category ids (one month after another); an event another file
        already holds counts once. Replace drops the loaded dataset.
      </p>
      <div className="drop-choice-actions">
        <button type="button" className="primary" onClick={() => void chooseDropMode('add')}>
          Add to the loaded dataset
        </button>
        <button type="button" onClick={() => void chooseDropMode('replace')}>
          Replace it
        </button>
        <button type="button" onClick={cancelDropChoice}>
          Cancel
        </button>
      </div>
    </section>
  );
}
