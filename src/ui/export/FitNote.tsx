import type { FitReport } from '../../worker/protocol/exportMessages';

/** How a run's feature spec fits the loaded data: refused, partly missing, other data, or the very same data. */
export function FitNote({ fit }: { fit: FitReport }) {
  if (!fit.ok) {
    return (
      <div className="panel panel-error fit-note" role="alert" data-testid="fit-note">
        <strong>This model does not fit the loaded data, so scoring is refused.</strong> {fit.message}
      </div>
    );
  }
  if (fit.missingCategories > 0) {
    return (
      <div className="panel panel-warning fit-note" data-testid="fit-note">
        {fit.message}
      </div>
    );
  }
  return (
    <p className="muted small fit-note" data-testid="fit-note">
      {fit.sameData
        ? 'The loaded dataset is the one this run was trained on.'
        : 'The loaded dataset differs from the training data (another fingerprint); '}
      {!fit.sameData && fit.message}
    </p>
  );
}
