import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store';
import { refreshModelSummary, summaryKey } from '../../store/modelSummaryActions';
import { KIND_LABELS } from '../../store/trainProgress';
import { formatCount } from '../format';

/** Keras-style model.summary() for the kind and settings shown, built in the worker. */
export function ModelSummaryPanel() {
  const { key, state, kind } = useLab(
    useShallow((s) => ({ key: summaryKey(s), state: s.modelSummary, kind: s.trainSettings.kind })),
  );
  useEffect(() => {
    const timer = setTimeout(() => void refreshModelSummary(), 200);
    return () => clearTimeout(timer);
  }, [key]);
  const summary = state?.summary;
  const stale = state?.key !== key;
  return (
    <section className="panel model-summary" aria-label="Model summary">
      <h2>
        Model summary <span className="muted small">{KIND_LABELS[kind]}</span>
      </h2>
      {state?.error && !stale && <p className="error-text">Could not build the model: {state.error}</p>}
      {!summary ? (
        <p className="muted">Building the model…</p>
      ) : (
        <div className={stale ? 'stale' : undefined}>
          <table className="data-table summary-table">
            <thead>
              <tr>
                <th>Layer (type)</th>
                <th>Output shape</th>
                <th className="num">Params</th>
              </tr>
            </thead>
            <tbody>
              {summary.layers.map((l) => (
                <tr key={l.name}>
                  <td>
                    {l.name} <span className="muted">({l.className})</span>
                  </td>
                  <td>
                    <code>{l.outputShape}</code>
                  </td>
                  <td className="num">{formatCount(l.params)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>Total parameters</th>
                <th className="num" data-testid="total-params">
                  {formatCount(summary.totalParams)}
                </th>
              </tr>
            </tfoot>
          </table>
          <p className="muted small">
            Inputs: {formatCount(summary.width)} categories per step · {summary.months} months ·{' '}
            {summary.days} days
          </p>
        </div>
      )}
    </section>
  );
}
