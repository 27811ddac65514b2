import type { TruthExample, TruthExamples as Examples } from '../../core/evaluation';
import type { RunRecord } from '../../core/runs';
import { explainUserFrom } from '../../store/explainActions';
import { ComparedExplanation } from '../explain/ComparedExplanation';

interface Cell {
  key: keyof Examples;
  title: string;
  help: string;
}

/** The cells an analyst defending a tag is asked about: the latent signal found, the misses, the false tags. */
const CELLS: Cell[] = [
  {
    key: 'foundOutsideRules',
    title: 'Found outside the rules',
    help: 'truly positive, left unlabelled by the rules, tagged: highest scores first',
  },
  {
    key: 'missedOutsideRules',
    title: 'Missed outside the rules',
    help: 'truly positive, left unlabelled by the rules, not tagged: lowest scores first',
  },
  {
    key: 'falselyTagged',
    title: 'Tagged but truly negative',
    help: 'the truth says no, the model tags them: highest scores first',
  },
];

export interface RunExamples {
  run: RunRecord;
  examples: Examples;
}

/** Only finished or stopped runs keep a model in the worker to explain with. */
function whyDisabled(run: RunRecord): string | null {
  return run.status === 'done' || run.status === 'stopped'
    ? null
    : 'This run did not finish: it kept no model to explain with.';
}

function ExampleList({ run, list }: { run: RunRecord; list: TruthExample[] }) {
  if (list.length === 0) return <p className="muted small">none at this threshold</p>;
  const disabled = whyDisabled(run);
  return (
    <ul className="truth-example-list">
      {list.map((e) => (
        <li key={e.userId} data-testid="truth-example">
          <span className="user-id">{e.userId}</span> <span className="num">{e.score.toFixed(3)}</span>
          {e.stage && <span className="muted small"> {e.stage}</span>}{' '}
          <button
            type="button"
            className="small-button"
            disabled={disabled !== null}
            title={disabled ?? `Explain this user’s score with ${run.name}`}
            onClick={() => void explainUserFrom('truth', run.id, e.userId)}
          >
            Why?
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A few users per truth cell, each a click away from their explanation, which opens below the lists. */
export function TruthExamples({ items, colours }: { items: RunExamples[]; colours: Record<string, string> }) {
  if (items.length === 0) return null;
  return (
    <div className="truth-examples" data-testid="truth-examples">
      <h3>
        Example users{' '}
        <span className="muted small">· “Why?” shows what moved a user’s score in that run</span>
      </h3>
      {items.map(({ run, examples }, i) => (
        <details key={run.id} open={i === 0} data-testid="truth-examples-run">
          <summary>
            <span className="swatch" style={{ background: colours[run.id] }} aria-hidden="true" /> {run.name}
          </summary>
          <div className="truth-example-cells">
            {CELLS.map((cell) => (
              <div key={cell.key} data-testid={`truth-examples-${cell.key}`}>
                <h4>{cell.title}</h4>
                <p className="muted small">{cell.help}</p>
                <ExampleList run={run} list={examples[cell.key]} />
              </div>
            ))}
          </div>
        </details>
      ))}
      <ComparedExplanation origin="truth" />
    </div>
  );
}
