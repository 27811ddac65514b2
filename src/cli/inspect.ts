// `inspect FILE... [--json]`: imports the files with the same core as the page and prints the import report.

import { existsSync, statSync } from 'node:fs';
import { InputError, UsageError, parseArgs, printJson } from './args';
import { sourceFromPath } from './nodeSource';
import { importDataset } from '../core/events';
import type { ImportReport } from '../core/events';
import type { Command } from './commands';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The report as a person reads it in a terminal. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const kind = f.role === 'events' ? `events (${f.layout ?? 'mapped'}, ${f.timeFormat})` : f.role;
    lines.push(
      f.error ? `✗ ${f.error}` : `✓ ${f.name}: ${kind}, ${fmt(f.rows)} rows → ${fmt(f.events)} kept`,
    );
  }
  lines.push(
    '',
    `Rows read    ${fmt(report.rows)}`,
    `Events       ${fmt(report.events)} (purchase ${fmt(report.actions.purchase)}, click ${fmt(report.actions.click)})`,
    `Users        ${fmt(report.users)}`,
    `Categories   ${fmt(report.categories)}`,
    `Date range   ${report.dateRange ? `${report.dateRange.from} … ${report.dateRange.to}` : '—'}`,
  );
  if (report.truthUsers) lines.push(`Truth users  ${fmt(report.truthUsers)}`);
  const others = Object.entries(report.otherBehaviours);
  if (others.length)
    lines.push(`Other behaviours (skipped): ${others.map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);
  const skipped = Object.entries(report.skipped);
  if (skipped.length) lines.push('', 'Skipped rows:');
  for (const [reason, entry] of skipped) {
    lines.push(`  ${reason.padEnd(15)} ${fmt(entry.count)}`);
    for (const ex of entry.examples) lines.push(`      ${ex.file} row ${ex.row}: ${ex.values.join(' | ')}`);
  }
  for (const w of report.warnings) lines.push(`Warning: ${w}`);
  return lines.join('\n');
}

export const command: Command = {
  summary: 'Import CSV files and print the import report',
  usage: 'FILE... [--json]',
  async run(argv) {
    const args = parseArgs(argv, { switches: ['json'] });
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file');
    for (const p of args.positionals) {
      if (!existsSync(p)) throw new InputError(`${p}: no such file`);
      if (!statSync(p).isFile()) throw new InputError(`${p}: not a file`);
    }
    const { dataset, report } = await importDataset(
      args.positionals.map((p) => ({ source: sourceFromPath(p) })),
    );
    if (args.flags.has('json')) printJson(report);
    else process.stdout.write(`${formatReport(report)}\n`);
    if (!dataset) throw new InputError('Nothing usable: no events could be imported from these files.');
  },
};
