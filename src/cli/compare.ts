// `compare DIR_A DIR_B FILE... [--truth T.csv] [--json]`: scores two saved models on the same users and prints the
// paired test: AUC difference by paired DeLong, the other metrics by a paired bootstrap, and a verdict that names a
// winner only when the 95% interval of the difference excludes zero.

import {
  comparePaired,
  formatEstimate,
  matchedTruthScores,
  METRIC_NAMES,
  type PairedComparison,
} from '../core/evaluation';
import { UsageError, parseArgs, printJson, stringFlag } from './args';
import type { Command } from './commands';
import { readIntervalOptions } from './evaluate';
import { loadFiles } from './loadFiles';
import { comparisonJson } from './metricJson';
import { pick, ruleLabelledUsers, RULE_LABEL_NOTE, scoreModelFolder, type FolderScores } from './modelScores';
import { startNodeBackend } from './nodeBackend';

const VALUE_FLAGS = ['truth', 'threshold', 'resamples', 'seed', 'backend'];

/** Users both models' rules label, and label alike (two rule sets may differ): the shared ground for the test. */
function sharedRuleLabels(a: FolderScores, b: FolderScores) {
  const same = a.ruleLabels.every((v, i) => v === b.ruleLabels[i]);
  const agreed = Uint8Array.from(a.ruleLabels, (v, i) => (v === b.ruleLabels[i] ? v : 0));
  return { ...ruleLabelledUsers(agreed), sameRules: same };
}

function comparisonLines(title: string, c: PairedComparison): string[] {
  const out = [`${title}: ${c.users} users (${c.positives} positive, ${c.negatives} negative)`];
  out.push(`  ${c.verdict.message}`);
  for (const name of METRIC_NAMES) {
    const side = c.winners[name];
    const favours = side ? ` (favours ${c.names[side]})` : '';
    out.push(`  ${name.padEnd(10)}A − B ${formatEstimate(c.differences[name])}${favours}`);
  }
  return out;
}

export const command: Command = {
  summary: 'Paired comparison of two saved models on the same users',
  usage:
    'DIR_A DIR_B FILE... [--truth T.csv] [--threshold 0.5] [--resamples 2000] [--seed S] [--backend wasm|cpu] [--json]',
  async run(argv) {
    const args = parseArgs(argv, { values: VALUE_FLAGS, switches: ['json'] });
    const [dirA, dirB, ...files] = args.positionals;
    if (!dirA || !dirB || files.length === 0)
      throw new UsageError('Give two model folders and at least one CSV file');
    const options = readIntervalOptions(args);
    await startNodeBackend(stringFlag(args, 'backend'));
    const data = await loadFiles(files, stringFlag(args, 'truth'));
    const a = await scoreModelFolder(dirA, data.store, options.threshold);
    const b = await scoreModelFolder(dirB, data.store, options.threshold);
    const names = {
      a: `A (${a.bundle.manifest.run.kind}, ${dirA})`,
      b: `B (${b.bundle.manifest.run.kind}, ${dirB})`,
    };
    const shared = sharedRuleLabels(a, b);
    const rules = comparePaired(pick(a.scores, shared.users), pick(b.scores, shared.users), shared.labels, {
      ...options,
      names,
    });
    const truth = data.truth
      ? comparePaired(...truthPair(data.store.userIds, data.truth, a, b), { ...options, names })
      : null;
    const rulesNote = shared.sameRules
      ? RULE_LABEL_NOTE
      : `The two models' rules differ: compared on the ${shared.users.length} users both rule sets label alike. ${RULE_LABEL_NOTE}`;
    const summary = {
      a: { dir: dirA, model: a.bundle.manifest.run.kind },
      b: { dir: dirB, model: b.bundle.manifest.run.kind },
      rules: { ...comparisonJson(rules), note: rulesNote },
      truth: truth && comparisonJson(truth),
      verdict: (truth ?? rules).verdict,
    };
    if (args.flags.has('json')) return printJson(summary);
    const out = comparisonLines('Rule labels', rules);
    out.push(`  ${rulesNote}`);
    if (truth) out.push(...comparisonLines('Truth', truth));
    process.stdout.write(`${out.join('\n')}\n`);
  },
};

function truthPair(
  userIds: readonly string[],
  truth: NonNullable<Awaited<ReturnType<typeof loadFiles>>['truth']>,
  a: FolderScores,
  b: FolderScores,
): [Float32Array, Float32Array, Uint8Array] {
  const common = { userIds, truth, ruleLabels: a.ruleLabels };
  const ma = matchedTruthScores({ ...common, scores: a.scores });
  const mb = matchedTruthScores({ ...common, scores: b.scores });
  return [ma.scores, mb.scores, ma.labels];
}
