// `explain --model DIR FILE... --user ID [--steps N] [--top K] [--json]`: why one user gets their score, as the top
// contributions by category × period (integrated gradients in logit space) and the completeness check.

import { checkSpecFits, loadModelFromArtifacts } from '../core/bundle';
import {
  createExplainContext,
  explainUser,
  findUser,
  topContributions,
  type UserExplanation,
} from '../core/explain';
import { InputError, UsageError, numberFlag, parseArgs, printJson, requireFlag, stringFlag } from './args';
import type { Command } from './commands';
import { loadFiles } from './loadFiles';
import { startNodeBackend } from './nodeBackend';
import { readModelFolder } from './modelFolder';

const FLAGS = { values: ['model', 'user', 'steps', 'top', 'backend'], switches: ['json'] };

function wholeFlag(value: number, name: string): number {
  if (!(Number.isInteger(value) && value >= 1)) throw new UsageError(`--${name} must be a whole number ≥ 1`);
  return value;
}

export const command: Command = {
  summary: 'Explain one user’s score: contributions by category and period',
  usage: '--model DIR FILE... --user ID [--steps 32] [--top 20] [--backend wasm|cpu] [--json]',
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file');
    const userId = requireFlag(args, 'user');
    const steps = wholeFlag(numberFlag(args, 'steps', 32), 'steps');
    const top = wholeFlag(numberFlag(args, 'top', 20), 'top');
    const bundle = readModelFolder(requireFlag(args, 'model'));
    const backend = await startNodeBackend(stringFlag(args, 'backend'));
    const { store } = await loadFiles(args.positionals);
    const user = findUser(store, userId);
    if (user < 0) throw new InputError(`User "${userId}" is not in the data.`);
    const { featureSpec: spec, rules } = bundle.manifest;
    const fit = checkSpecFits(spec, store);
    if (!fit.ok) throw new InputError(fit.message);
    const model = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
    const kind = bundle.manifest.run.kind;
    const started = performance.now();
    let explanation: UserExplanation;
    try {
      explanation = explainUser(createExplainContext({ model, kind, spec, store, rules }), user, steps);
    } catch (e) {
      throw new InputError((e as Error).message);
    } finally {
      model.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = topContributions(explanation, top);
    const { sum, expected, gap, relativeGap, ok } = explanation.completeness;
    const summary = {
      user: userId,
      model: kind,
      score: explanation.score,
      logit: explanation.logit,
      baselineLogit: explanation.baselineLogit,
      steps,
      contributions: rows.map(({ category, period, kind: k, contribution, rule }) => ({
        category,
        period,
        kind: k,
        contribution,
        rule,
      })),
      completeness: { sum, expected, gap, relativeGap, ok },
      backend: backend.backend,
      seconds,
    };
    if (args.flags.has('json')) printJson(summary);
    else process.stdout.write(formatText(summary));
  },
};

function formatText(s: {
  user: string;
  model: string;
  score: number;
  logit: number;
  baselineLogit: number;
  contributions: { category: string; period: string; kind: string; contribution: number; rule: boolean }[];
  completeness: { sum: number; expected: number; relativeGap: number; ok: boolean };
}): string {
  const lines = [
    `User ${s.user}: ${s.model} score ${s.score.toFixed(4)} (logit ${s.logit.toFixed(3)}; empty history ${s.baselineLogit.toFixed(3)})`,
    `${'contribution'.padStart(12)}  ${'kind'.padEnd(8)} ${'period'.padEnd(22)} category`,
    ...s.contributions.map(
      (r) =>
        `${r.contribution.toFixed(4).padStart(12)}  ${r.kind.padEnd(8)} ${r.period.padEnd(22)} ${r.category}${r.rule ? '  [rule]' : ''}`,
    ),
  ];
  const c = s.completeness;
  const verdict = c.ok
    ? 'agree'
    : `DIFFER by ${(c.relativeGap * 100).toFixed(1)}%: raise --steps for a closer integral`;
  lines.push(
    `Completeness: contributions sum to ${c.sum.toFixed(4)}, score minus empty history ${c.expected.toFixed(4)} (logits): ${verdict}`,
  );
  return `${lines.join('\n')}\n`;
}
