// `label FILE... --rules R.json [--as-of YYYY-MM-DD] [--json]`: imports the files, evaluates the labelling rules
// with the same core as the page's rule editor and prints positive / negative / conflict / unlabelled counts.

import { readFileSync } from 'node:fs';
import { InputError, UsageError, parseArgs, printJson, requireFlag, stringFlag } from './args';
import { importSpecsFromArgs } from './inputPaths';
import { importDataset } from '../core/events';
import { evaluateRules, parseRuleSet } from '../core/labels';
import type { LabelResult, RuleSet } from '../core/labels';
import { engineOf } from './engineOption';
import type { Command } from './commands';
import { describeError } from '../core/errors';

const FLAGS = { values: ['rules', 'as-of', 'engine'], switches: ['json'] };
const fmt = (n: number): string => n.toLocaleString('en-US');

/** Reads and validates the rules file; every failure is an InputError naming the file and what to fix. */
export function readRulesFile(path: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : String(code ?? e);
    throw new InputError(`${path}: cannot read the rules file (${why}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: the rules file is not valid JSON (${describeError(e)}).`);
  }
  try {
    return parseRuleSet(json);
  } catch (e) {
    throw new InputError(`${path}: ${describeError(e)}`);
  }
}

function checkAsOf(rules: RuleSet, asOf: string): string | undefined {
  try {
    return parseRuleSet({ ...rules, asOf }).asOf;
  } catch {
    throw new UsageError(`--as-of must be a real date as YYYY-MM-DD, got "${asOf}"`);
  }
}

function formatCounts(result: Pick<LabelResult, 'counts' | 'asOf' | 'issues'>, rules: RuleSet): string {
  const { counts } = result;
  const share = (n: number): string => (counts.users ? ` (${((100 * n) / counts.users).toFixed(1)}%)` : '');
  const conflictNote =
    rules.onConflict === 'drop' ? '' : `, ${fmt(counts.bothSides)} conflicts assigned ${rules.onConflict}`;
  const lines = [
    `As of ${result.asOf}${rules.asOf ? '' : ' (the day after the latest event)'}${conflictNote}`,
    `Positive     ${fmt(counts.positive)}${share(counts.positive)}`,
    `Negative     ${fmt(counts.negative)}${share(counts.negative)}`,
    `Conflict     ${fmt(counts.conflict)}${share(counts.conflict)}${rules.onConflict === 'drop' ? ' (dropped)' : ''}`,
    `Unlabelled   ${fmt(counts.unlabelled)}${share(counts.unlabelled)}`,
    `Users        ${fmt(counts.users)}`,
  ];
  for (const issue of result.issues)
    lines.push(`${issue.severity === 'error' ? 'Error' : 'Warning'}: ${issue.message}`);
  return lines.join('\n');
}

export const command: Command = {
  summary: 'Label users with rules and print the counts',
  usage: 'FILE... --rules R.json [--as-of YYYY-MM-DD] [--engine lab|duckdb] [--json]',
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file');
    const rules = readRulesFile(requireFlag(args, 'rules'));
    const asOf = stringFlag(args, 'as-of');
    if (asOf !== undefined) rules.asOf = checkAsOf(rules, asOf);
    const result =
      engineOf(args) === 'duckdb'
        ? await labelOnDuck(args.positionals, rules)
        : await labelOnLab(args.positionals, rules);
    if (!args.flags.has('json')) {
      process.stdout.write(`${formatCounts(result, rules)}\n`);
      return;
    }
    printJson({ ...result.counts, asOf: result.asOf, onConflict: rules.onConflict, issues: result.issues });
  },
};

async function labelOnLab(paths: string[], rules: RuleSet): Promise<LabelResult> {
  const { dataset, report } = await importDataset(importSpecsFromArgs(paths));
  if (!dataset) {
    const why = report.files.flatMap((f) => (f.error ? [`  ${f.error}`] : []));
    throw new InputError(
      ['Nothing usable: no events could be imported from these files.', ...why].join('\n'),
    );
  }
  return evaluateRules(dataset.store, rules);
}

/** The same counts from the generated SQL on embedded DuckDB (no rule issues: those need the lab's catalogue). */
async function labelOnDuck(
  paths: string[],
  rules: RuleSet,
): Promise<Pick<LabelResult, 'counts' | 'asOf' | 'issues'>> {
  const { openDuckEngine, countLabelsOnDuck } = await import('./duckdb/engine');
  const engine = await openDuckEngine(paths);
  try {
    const { asOf, ...counts } = await countLabelsOnDuck(engine, rules);
    return { counts, asOf, issues: [] };
  } finally {
    engine.close();
  }
}
