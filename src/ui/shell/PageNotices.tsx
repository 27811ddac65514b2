import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { dismissStorageMessages } from '../../store/compareActions';
import { dismissPageNotice } from '../../store/uiActions';

const EMPTY: string[] = [];

/**
 * What the analyst must know on every screen: settings or saved data this browser could not read or write, a worker that stopped. Runs
 * that could not be saved are listed on the Compare screen; elsewhere (training on the Train screen) they show here.
 */
export function PageNotices() {
  const notices = useLab(
    useShallow((s) => ({
      settingsNotice: s.settingsNotice,
      storageNotice: s.storageNotice,
      workerNotice: s.workerNotice,
      // the storage notice already says runs last only until the page closes
      runsNotSaved: s.screen === 'compare' || s.storageNotice !== null ? EMPTY : s.storageMessages,
    })),
  );
  const shown = (['workerNotice', 'storageNotice', 'settingsNotice'] as const).filter(
    (which) => notices[which] !== null,
  );
  if (shown.length === 0 && notices.runsNotSaved.length === 0) return null;
  return (
    <div className="page-notices">
      {shown.map((which) => (
        <p key={which} className="notice" role="status" data-testid={which}>
          <span>{notices[which]}</span>{' '}
          <button type="button" className="link-button" onClick={() => dismissPageNotice(which)}>
            dismiss
          </button>
        </p>
      ))}
      {notices.runsNotSaved.length > 0 && (
        <div className="panel panel-warning" role="status" data-testid="runs-not-saved">
          {notices.runsNotSaved.map((message) => (
            <p key={message}>{message}</p>
          ))}
          <button type="button" className="small-button" onClick={dismissStorageMessages}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
