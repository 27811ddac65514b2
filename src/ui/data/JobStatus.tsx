import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { cancelDataJob, DEMO_USERS } from '../../store/dataActions';
import { formatBytes, formatCount, formatPercent } from '../format';

/** What the worker is doing right now: restoring, sniffing, importing (with bytes and Cancel), generating (Cancel). */
export function JobStatus() {
  const { status, progress } = useLab(useShallow((s) => ({ status: s.dataStatus, progress: s.progress })));
  if (status === 'restoring') return <Busy text="Restoring your dataset…" />;
  if (status === 'sniffing') return <Busy text="Reading the first rows of each file…" />;
  if (status === 'generating')
    return (
      <Busy text={`Generating the demo dataset (${formatCount(DEMO_USERS)} users)…`}>
        <button type="button" onClick={() => cancelDataJob()}>
          Cancel
        </button>
      </Busy>
    );
  if (status !== 'importing' || !progress) return null;
  const { bytesDone, totalBytes, file } = progress;
  return (
    <div className="panel job" role="status" aria-live="polite">
      <div className="job-line">
        <span>
          Importing <span className="filename">{file}</span>: {formatBytes(bytesDone)} of{' '}
          {formatBytes(totalBytes)}
        </span>
        <span className="num">{formatPercent(bytesDone, totalBytes)}</span>
      </div>
      <progress max={totalBytes || 1} value={bytesDone} aria-label="Import progress" />
      <div>
        <button type="button" onClick={() => cancelDataJob()}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function Busy({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <div className="panel job" role="status" aria-live="polite">
      <span>{text}</span>
      <progress aria-label={text} />
      {children && <div>{children}</div>}
    </div>
  );
}
