import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { dismissPageNotice } from '../../store/uiActions';

/** What the analyst must know on every screen: settings or saved data this browser could not read or write. */
export function PageNotices() {
  const notices = useLab(
    useShallow((s) => ({ settingsNotice: s.settingsNotice, storageNotice: s.storageNotice })),
  );
  const shown = (['storageNotice', 'settingsNotice'] as const).filter((which) => notices[which] !== null);
  if (shown.length === 0) return null;
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
    </div>
  );
}
