import type { MeanSd } from '../../core/evaluation';
import { summariseRunGroup, type RunGroupSummary, type RunRecord } from '../../core/runs';

const METRICS: { key: keyof RunGroupSummary['validation']; label: string }[] = [
  { key: 'rocAuc', label: 'ROC AUC' },
  { key: 'prAuc', label: 'PR AUC' },
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'precision', label: 'Precision' },
  { key: 'recall', label: 'Recall' },
  { key: 'f1', label: 'F1' },
];

/** `0.912 ± 0.013`; the sd is "—" for a single run, the whole figure for none. */
export function formatMeanSd(m: MeanSd): string {
  if (m.n === 0) return '—';
  return `${m.mean.toFixed(3)} ± ${Number.isFinite(m.sd) ? m.sd.toFixed(3) : '—'}`;
}

/** The compared runs that belong to a group of repeats, by group (in list order), with at least two members. */
export function groupsOf(runs: readonly RunRecord[]): RunRecord[][] {
  const byId = new Map<string, RunRecord[]>();
  for (const r of runs) if (r.group) byId.set(r.group.id, [...(byId.get(r.group.id) ?? []), r]);
  return [...byId.values()].filter((g) => g.length >= 2);
}

function describeGroup(runs: RunRecord[]): string {
  const first = runs[0];
  const tag = first.group!;
  if (tag.mode === 'folds')
    return `${first.kind} · ${tag.of}-fold cross-validation (${runs.length} folds finished)`;
  const seeds = runs.map((r) => r.hyperparameters.seed);
  return `${first.kind} · ${runs.length} model seeds (${Math.min(...seeds)}–${Math.max(...seeds)})`;
}

function GroupTable({ runs }: { runs: RunRecord[] }) {
  const summary = summariseRunGroup(runs);
  return (
    <article className="repeat-group" data-testid="repeat-group" data-mode={runs[0].group!.mode}>
      <h3>{describeGroup(runs)}</h3>
      <p className="muted small">{runs.map((r) => r.name).join(', ')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th>Metric (threshold 0.5)</th>
            <th className="num">Validation, mean ± sd</th>
            {summary.truth && <th className="num">Truth, mean ± sd</th>}
          </tr>
        </thead>
        <tbody>
          {METRICS.map((m) => (
            <tr key={m.key} data-testid="repeat-row" data-metric={m.key}>
              <th scope="row">{m.label}</th>
              <td className="num" data-testid="repeat-validation">
                {formatMeanSd(summary.validation[m.key])}
              </td>
              {summary.truth && <td className="num">{formatMeanSd(summary.truth[m.key])}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

/** Groups of repeats (k seeds, or k folds) as mean ± sd over their runs, the spread one run's figure hides. */
export function RepeatGroups({ runs }: { runs: RunRecord[] }) {
  const groups = groupsOf(runs);
  if (groups.length === 0) return null;
  return (
    <section className="panel" aria-label="Repeated runs" data-testid="repeat-groups">
      <h2>Repeats: mean ± sd over each group</h2>
      <p className="muted small">
        Runs queued together with “Repeats” differ only in the model seed (or in the fold they validate on).
        One run’s figure is one draw; the sd (sample, n − 1) is how far a figure moves from the seed or the
        fold alone, so a difference between runs smaller than it is not worth acting on.
      </p>
      {groups.map((g) => (
        <GroupTable key={g[0].group!.id} runs={g} />
      ))}
    </section>
  );
}
