import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { showScreen } from '../../store/uiActions';
import { SCREEN_ORDER } from '../../store/uiSlice';
import { SCREENS } from '../screens';

/** Data → Rules → Train → Compare → Export; steps that need a dataset stay disabled until one is loaded. */
export function StepNav() {
  const { screen, hasDataset } = useLab(
    useShallow((s) => ({ screen: s.screen, hasDataset: s.dataset !== null })),
  );
  return (
    <nav className="steps" aria-label="Lab steps">
      <ol>
        {SCREEN_ORDER.map((id, i) => {
          const entry = SCREENS[id];
          const disabled = entry.needsDataset && !hasDataset;
          return (
            <li key={id}>
              <button
                type="button"
                className="step"
                aria-current={screen === id ? 'page' : undefined}
                disabled={disabled}
                title={disabled ? 'Load a dataset first' : undefined}
                onClick={() => showScreen(id)}
              >
                <span className="step-number">{i + 1}</span>
                {entry.label}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
