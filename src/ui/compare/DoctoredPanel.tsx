import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HEAVY_RELIANCE } from '../../core/evaluation';
import type { RunRecord } from '../../core/runs';
import { tickStyle } from './CompareCharts';
import { describeClicksOnly, formatMetric } from './compareLogic';

const CONDITIONS = [
  { key: 'untouched', name: 'untouched', fill: '#1d2733' },
  { key: 'purchases', name: 'purchases erased (clicks only)', fill: '#e69f00' },
  { key: 'rules', name: 'rule categories erased', fill: '#56b4e9' },
] as const;

function DoctoredRow({ run, colour }: { run: RunRecord; colour: string }) {
  const d = run.evaluation?.doctored;
  return (
    <tr data-testid="doctored-row">
      <th scope="row">
        <span className="swatch" style={{ background: colour }} aria-hidden="true" /> {run.name}
      </th>
      {d ? (
        <>
          <td className="num">{formatMetric(d.untouched.rocAuc)}</td>
          <td className="num">{formatMetric(d.erasePurchases.rocAuc)}</td>
          <td className="num">{formatMetric(d.eraseRuleCategories.rocAuc)}</td>
          <td className="verdict">
            <span className="verdict-clicks">{describeClicksOnly(d.erasePurchases.rocAuc)}.</span>{' '}
            <span className={d.ruleReliance >= HEAVY_RELIANCE ? 'verdict-rules heavy' : 'verdict-rules'}>
              {d.verdict}
            </span>
          </td>
        </>
      ) : (
        <td colSpan={4} className="muted small">
          {run.status === 'interrupted'
            ? 'Not evaluated: the run was interrupted before the doctored-data test.'
            : 'Not evaluated for this run.'}
        </td>
      )}
    </tr>
  );
}

/** The method's doctored-data test: ROC AUC with purchases erased and with the rule categories erased. */
export function DoctoredPanel({ runs, colours }: { runs: RunRecord[]; colours: Record<string, string> }) {
  const data = runs
    .filter((r) => r.evaluation?.doctored)
    .map((r) => {
      const d = r.evaluation!.doctored!;
      return {
        name: r.name,
        untouched: d.untouched.rocAuc,
        purchases: d.erasePurchases.rocAuc,
        rules: d.eraseRuleCategories.rocAuc,
      };
    });
  return (
    <section className="panel" aria-label="Doctored-data test" data-testid="doctored-panel">
      <h2>
        Did it learn more than the rules?{' '}
        <span className="muted small">
          · validation ROC AUC on untouched and doctored inputs (0.5 = chance)
        </span>
      </h2>
      <div className="method-grid">
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th>Run</th>
                <th className="num">Untouched</th>
                <th className="num">Purchases erased</th>
                <th className="num">Rule categories erased</th>
                <th>Verdict</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <DoctoredRow key={run.id} run={run} colour={colours[run.id]} />
              ))}
            </tbody>
          </table>
        </div>
        {data.length > 0 && (
          <div className="method-chart">
            <ResponsiveContainer width="100%" height={230}>
              <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
                <CartesianGrid stroke="#e3e8ef" vertical={false} />
                <XAxis dataKey="name" tick={tickStyle} interval={0} />
                <YAxis domain={[0, 1]} tick={tickStyle} width={36} ticks={[0, 0.25, 0.5, 0.75, 1]} />
                <Tooltip formatter={(v) => formatMetric(Number(v))} />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                <ReferenceLine y={0.5} stroke="#b8c1cc" strokeDasharray="4 4" />
                {CONDITIONS.map((c) => (
                  <Bar key={c.key} dataKey={c.key} name={c.name} fill={c.fill} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </div>
      <p className="muted small table-note">
        A model that collapses when the rule categories are erased has memorised the rules rather than learned
        the behaviour around them; remedies: a smaller hidden size, dropout, L2, the leakage guard.
      </p>
    </section>
  );
}
