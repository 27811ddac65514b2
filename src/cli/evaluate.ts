// `evaluate --model DIR FILE... [--truth T.csv] [--json]`: scores a saved model on a dataset and prints every metric
// with its 95% interval, against the rule labels and, with --truth, against the truth (with Wilson stage rates).

import {
  DEFAULT_BOOTSTRAP_SEED,
  estimateMetrics,
  estimateTruthIntervals,
  evaluateAgainstTruth,
  formatEstimate,
  type IntervalOptions,
} from '../core/evaluation';
import { InputError, UsageError, numberFlag, parseArgs, printJson, requireFlag, stringFlag } from './args';
import type { Command } from './commands';
import { loadFiles } from './loadFiles';
import { metricsJson, metricsLines, truthJson } from './metricJson';
import { pick, ruleLabelledUsers, RULE_LABEL_NOTE, scoreModelFolder } from './modelScores';
import { startNodeBackend } from './nodeBackend';

const VALUE_FLAGS = ['model', 'truth', 'threshold', 'resamples', 'seed', 'backend'];

/** --threshold, --resamples and --seed, shared with `compare`. */
export function readIntervalOptions(args: ReturnType<typeof parseArgs>): Required<IntervalOptions> {
  const threshold = numberFlag(args, 'threshold', 0.5);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be in [0, 1]');
  const resamples = numberFlag(args, 'resamples', 2000);
  if (!(Number.isInteger(resamples) && resamples >= 1000))
    throw new UsageError('--resamples must be a whole number ≥ 1000');
  return { threshold, resamples, seed: numberFlag(args, 'seed', DEFAULT_BOOTSTRAP_SEED) };
}

export const command: Command = {
  summary: 'Score a saved model on a dataset and print its metrics with 95% intervals',
  usage:
    '--model DIR FILE... [--truth T.csv] [--threshold 0.5] [--resamples 2000] [--seed S] [--backend wasm|cpu] [--json]',
  async run(argv) {
    const args = parseArgs(argv, { values: VALUE_FLAGS, switches: ['json'] });
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file to evaluate on');
    const options = readIntervalOptions(args);
    const dir = requireFlag(args, 'model');
    await startNodeBackend(stringFlag(args, 'backend'));
    const data = await loadFiles(args.positionals, stringFlag(args, 'truth'));
    const model = await scoreModelFolder(dir, data.store, options.threshold);
    const labelled = ruleLabelledUsers(model.ruleLabels);
    if (labelled.users.length === 0 && !data.truth)
      throw new InputError('The model’s rules label no user of this dataset and no --truth was given.');
    const rules = estimateMetrics(pick(model.scores, labelled.users), labelled.labels, options);
    let truth = null;
    if (data.truth) {
      const input = {
        userIds: data.store.userIds,
        scores: model.scores,
        truth: data.truth,
        ruleLabels: model.ruleLabels,
        threshold: options.threshold,
      };
      const evaluation = evaluateAgainstTruth(input);
      truth = { evaluation, intervals: estimateTruthIntervals(input, evaluation, options) };
    }
    const summary = {
      model: model.bundle.manifest.run.kind,
      modelDir: dir,
      users: data.store.userIds.length,
      threshold: options.threshold,
      rules: { ...metricsJson(rules), note: RULE_LABEL_NOTE },
      truth: truth && truthJson(truth.intervals, truth.evaluation.matched, truth.evaluation.missing),
    };
    if (args.flags.has('json')) return printJson(summary);
    const out = [
      `${summary.model} model from ${dir}, ${summary.users} users, threshold ${options.threshold}`,
    ];
    out.push(`Rule labels (${rules.positives} positive, ${rules.negatives} negative): ${RULE_LABEL_NOTE}`);
    out.push(...metricsLines(rules));
    if (truth) {
      const t = truth.intervals;
      out.push(
        `Truth (${t.metrics.positives} positive, ${t.metrics.negatives} negative):`,
        ...metricsLines(t.metrics),
      );
      for (const s of t.byStage)
        out.push(`  tag rate ${s.stage.padEnd(22)}${formatEstimate(s.tagRate)} of ${s.users}`);
    }
    out.push(rules.method);
    process.stdout.write(`${out.join('\n')}\n`);
  },
};
