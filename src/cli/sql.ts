// `sql labels|features|view`: prints the lab's rules, a saved model's feature aggregation, or a raw-layout view as
// one SQL statement for DuckDB or Spark (docs/SQL.md), to run where the data lives.

import { buildFeaturesSql, buildLabelsSql, buildRawLayoutView, RAW_LAYOUTS, sqlDialect } from '../core/sql';
import type { RawLayout, SqlDialect } from '../core/sql';
import { InputError, UsageError, parseArgs, requireFlag, stringFlag, type ParsedArgs } from './args';
import type { Command } from './commands';
import { readRulesFile } from './label';
import { readManifestFromFolder } from './modelFolder';

const COMMON = ['dialect', 'table', 'as-of'];
const FLAGS: Record<string, { values: string[]; switches: string[] }> = {
  labels: { values: ['rules', ...COMMON], switches: ['no-names'] },
  features: { values: ['model', ...COMMON], switches: ['no-names'] },
  view: { values: ['layout', 'source', 'dialect', 'view'], switches: [] },
};

function dialectOf(args: ParsedArgs): SqlDialect {
  try {
    return sqlDialect(stringFlag(args, 'dialect') ?? 'duckdb');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function asOfOf(args: ParsedArgs): string | undefined {
  const asOf = stringFlag(args, 'as-of');
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new UsageError(`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`);
  return asOf;
}

function generate(what: string, args: ParsedArgs): string {
  const dialect = dialectOf(args);
  const source = {
    dialect,
    table: stringFlag(args, 'table'),
    categoryNames: !args.flags.has('no-names'),
    asOf: asOfOf(args),
  };
  if (what === 'labels') return buildLabelsSql(readRulesFile(requireFlag(args, 'rules')), source);
  if (what === 'features')
    return buildFeaturesSql(readManifestFromFolder(requireFlag(args, 'model')).featureSpec, source);
  const layout = requireFlag(args, 'layout');
  if (!RAW_LAYOUTS.includes(layout as RawLayout))
    throw new UsageError(`--layout must be ${RAW_LAYOUTS.join(' or ')}, got "${layout}"`);
  return buildRawLayoutView(layout as RawLayout, {
    dialect,
    source: requireFlag(args, 'source'),
    view: stringFlag(args, 'view'),
  });
}

export const command: Command = {
  summary: 'Print the rules, the feature aggregation or a raw-layout view as SQL',
  usage:
    'labels --rules R.json | features --model DIR | view --layout rees46|taobao --source RAW ' +
    '[--dialect duckdb|spark] [--table events] [--as-of YYYY-MM-DD] [--no-names]',
  async run(argv) {
    const [what, ...rest] = argv;
    const allowed = FLAGS[what ?? ''];
    if (!allowed) throw new UsageError('Say what to generate: labels, features or view');
    const args = parseArgs(rest, allowed);
    if (args.positionals.length > 0) throw new UsageError(`Unexpected argument "${args.positionals[0]}"`);
    let sql: string;
    try {
      sql = generate(what, args);
    } catch (e) {
      if (e instanceof UsageError || e instanceof InputError || !(e instanceof Error)) throw e;
      throw new UsageError(e.message);
    }
    process.stdout.write(sql);
  },
};
