// `inspect FILE... [--json]`: imports the files with the same core as the page and prints the import report.

import { InputError, UsageError, parseArgs, printJson } from './args';
import { importSpecsFromArgs } from './inputPaths';
import { importDataset, summariseStore } from '../core/events';
import type { EventStore, FileReport, ImportReport } from '../core/events';
import type { Command } from './commands';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The time forms a file's column held ("iso-date 120, unix-s 3") and how slashed dates were read. */
function describeTimes(f: FileReport): string {
  const forms = f.timeForms
    ? Object.entries(f.timeForms)
        .map(([form, n]) => `${form} ${fmt(n ?? 0)}`)
        .join(', ')
    : String(f.timeFormat);
  return f.dateOrder ? `${forms}; ${f.dateOrder}` : forms;
}

function namesAndDuplicates(report: ImportReport): string[] {
  const lines: string[] = [];
  const names = report.categoryNames;
  if (names)
    lines.push(
      `Names        ${fmt(names.fromEvents)} categories named in the events` +
        (names.conflicting
          ? ` (${fmt(names.conflicting)} ${names.conflicting === 1 ? 'id' : 'ids'} with conflicting names)`
          : ''),
    );
  const dup = report.duplicates;
  if (dup?.count)
    lines.push(
      `Duplicates   ${fmt(dup.count)} events in more than one file (${dup.dropped ? 'dropped' : 'kept'})`,
    );
  return lines;
}

/** The busiest categories by display name, so a person sees codes such as kids.toys rather than 19-digit ids. */
export function formatTopCategories(store: EventStore, limit = 10): string {
  const top = summariseStore(store).topCategories.slice(0, limit);
  return `Top categories: ${top.map((c) => `${c.name} (${fmt(c.events)})`).join(', ')}`;
}

/** The report as a person reads it in a terminal. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const kind = f.role === 'events' ? `events (${f.layout ?? 'mapped'}, ${describeTimes(f)})` : f.role;
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
  lines.push(...namesAndDuplicates(report));
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
  summary: 'Import event files (.csv, .csv.gz, .parquet, folders, globs) and print the import report',
  usage: 'FILE... [--json]',
  async run(argv) {
    const args = parseArgs(argv, { switches: ['json'] });
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file');
    const { dataset, report } = await importDataset(importSpecsFromArgs(args.positionals));
    if (args.flags.has('json')) printJson(report);
    else
      process.stdout.write(
        `${formatReport(report)}\n${dataset ? `${formatTopCategories(dataset.store)}\n` : ''}`,
      );
    if (!dataset) throw new InputError('Nothing usable: no events could be imported from these files.');
  },
};
