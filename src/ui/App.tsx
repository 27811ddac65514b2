import { useLab } from '../store';
import { SCREENS } from './screens';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { Header } from './shell/Header';

export function App() {
  const screen = useLab((s) => s.screen);
  const entry = SCREENS[screen];
  const Screen = entry.component;
  return (
    <div className="app">
      <Header />
      <main className="content">
        <ErrorBoundary key={screen} area={`the ${entry.label} screen`}>
          {Screen ? <Screen /> : <p className="panel muted">{entry.pending}</p>}
        </ErrorBoundary>
      </main>
      <footer className="app-footer">All data stays in this browser: nothing is uploaded.</footer>
    </div>
  );
}
