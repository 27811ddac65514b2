import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store';
import { showScreen } from '../store/uiActions';
import { SCREENS } from './screens';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Header } from './shell/Header';
import { PageNotices } from './shell/PageNotices';

/** Shown instead of a screen that needs a dataset while there is none (e.g. right after a reload). */
function NeedsDataset({ restoring }: { restoring: boolean }) {
  if (restoring) return <p className="panel muted">Restoring your dataset…</p>;
  return (
    <p className="panel muted">
      This step needs a dataset.{' '}
      <button type="button" className="link-button" onClick={() => showScreen('data')}>
        Load one on the Data screen
      </button>
      .
    </p>
  );
}

export function App() {
  const { screen, hasDataset, restoring } = useLab(
    useShallow((s) => ({
      screen: s.screen,
      hasDataset: s.dataset !== null,
      restoring: s.dataStatus === 'restoring',
    })),
  );
  const entry = SCREENS[screen];
  const Screen = entry.component;
  return (
    <div className="app">
      <Header />
      <main className="content">
        <PageNotices />
        <ErrorBoundary key={screen} area={`the ${entry.label} screen`}>
          {entry.needsDataset && !hasDataset ? <NeedsDataset restoring={restoring} /> : <Screen />}
        </ErrorBoundary>
      </main>
      <footer className="app-footer">All data stays in this browser: nothing is uploaded.</footer>
    </div>
  );
}
