import { useLab } from '../../store';
import { StepNav } from './StepNav';

export function Header() {
  const backend = useLab((s) => s.backendLabel);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Tag Lab</h1>
        <span className="tagline">user-profile tag models, trained in your browser</span>
      </div>
      <StepNav />
      <span className="badge" title="The TensorFlow.js backend training uses">
        backend: {backend ?? '—'}
      </span>
    </header>
  );
}
