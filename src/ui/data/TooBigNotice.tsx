import { useLab } from '../../store';
import { dismissTooBig, importTooBigAnyway } from '../../store/dataActions';

/** A drop estimated too big for the tab: the figures, the CLI to use instead, and the choice to import it anyway. */
export function TooBigNotice() {
  const tooBig = useLab((s) => s.tooBig);
  if (!tooBig) return null;
  return (
    <div className="panel panel-error" role="alert" data-testid="data-too-big">
      <p>
        <strong>Too big for this tab.</strong> {tooBig.message}
      </p>
      <div className="drop-choice-actions">
        <button type="button" onClick={dismissTooBig}>
          Leave it
        </button>
        <button type="button" className="danger" onClick={() => void importTooBigAnyway()}>
          Import anyway (the tab may run out of memory)
        </button>
      </div>
    </div>
  );
}
