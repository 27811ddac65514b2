import type { RunRecord } from '../../core/runs';
import type { PairedVerdict } from '../../worker/protocol/compareMessages';
import { describePairing, describeResolvable, differenceRows, formatPValue } from './verdictLogic';

function PairVerdict({ verdict, names }: { verdict: PairedVerdict; names: Record<string, string> }) {
  const title = `${names[verdict.a] ?? verdict.a} vs ${names[verdict.b] ?? verdict.b}`;
  const c = verdict.comparison;
  if (!c)
    return (
      <article className="verdict" data-testid="verdict">
        <h3>{title}</h3>
        <p className="muted">Cannot compare these runs: {verdict.unavailable}.</p>
      </article>
    );
  const winner = c.verdict.winner ? c.names[c.verdict.winner] : null;
  return (
    <article className="verdict" data-testid="verdict" data-winner={winner ?? ''}>
      <h3>{title}</h3>
      <p className={winner ? 'verdict-headline winner' : 'verdict-headline'} data-testid="verdict-headline">
        {winner
          ? `${winner} ranks users better: the 95% interval of the ROC AUC difference excludes 0.`
          : 'No winner: the data cannot tell these runs apart (the 95% interval of the ROC AUC difference contains 0).'}
      </p>
      <p className="small" data-testid="verdict-message">
        {c.verdict.message}
      </p>
      <p className="muted small" data-testid="verdict-pairing">
        {describePairing(verdict)}
      </p>
      {verdict.resolvable && (
        <p className="muted small" data-testid="verdict-resolvable">
          {describeResolvable(verdict.resolvable, c.positives, c.negatives)}
        </p>
      )}
      <table className="data-table verdict-table" data-testid="verdict-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">
              {c.names.a} − {c.names.b} [95% interval]
            </th>
            <th>Favours</th>
          </tr>
        </thead>
        <tbody>
          {differenceRows(c).map((row) => (
            <tr key={row.metric} data-testid="verdict-row" data-metric={row.metric}>
              <th scope="row">{row.label}</th>
              <td className="num" data-testid="verdict-difference">
                {row.difference}
                {row.metric === 'rocAuc' && (
                  <span className="muted"> · paired DeLong p = {formatPValue(c.auc.pValue)}</span>
                )}
              </td>
              <td className={row.favours ? 'favours' : 'muted'}>
                {row.favours ?? 'neither (interval holds 0)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

/** Every pair of the compared runs, tested on the validation users both scored; a winner only when the data can tell. */
export function VerdictPanel(props: {
  runs: RunRecord[];
  verdicts: PairedVerdict[];
  threshold: number | null;
}) {
  if (props.runs.length < 2) return null;
  const names = Object.fromEntries(props.runs.map((r) => [r.id, r.name]));
  const shown = new Set(props.runs.map((r) => r.id));
  const verdicts = props.verdicts.filter((v) => shown.has(v.a) && shown.has(v.b));
  return (
    <section className="panel" aria-label="Paired comparison" data-testid="verdict-panel">
      <h2>Which run is better? A paired test</h2>
      <p className="muted small">
        Both runs score the same validation users against the same rule labels: ROC AUC by the paired DeLong
        test, the other metrics (at threshold {props.threshold === null ? '…' : props.threshold.toFixed(2)})
        by a paired bootstrap over users. A run is named better only when the 95% interval of the difference
        excludes 0.
      </p>
      {verdicts.length === 0 ? (
        <p className="muted">Comparing…</p>
      ) : (
        verdicts.map((v) => <PairVerdict key={`${v.a}|${v.b}`} verdict={v} names={names} />)
      )}
    </section>
  );
}
