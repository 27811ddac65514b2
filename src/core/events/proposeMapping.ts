// Proposes the column mapping of an event file from its header (aliases, known layouts) or, failing that, from
// its values, and explains what is missing so the page can ask for it.

import { proposeAction } from './actions';
import { TIME_FORMAT_LABELS, classifyTime } from './timeFormats';
import { detectTimeColumn, detectTimeFormat } from './timeColumn';
import {
  FIELD_EXPECTED,
  TAOBAO_MAPPING,
  findEventColumns,
  looksLikeTaobao,
  normaliseHeader,
  recogniseNamedLayout,
} from './columns';
import type { Action } from './types';
import type { ActionValueSeen, ColumnMapping, MappedField, SourceSniff, TimeFormat } from './importTypes';

type Proposal = Pick<
  SourceSniff,
  | 'layout'
  | 'mapping'
  | 'confidence'
  | 'timeFormat'
  | 'timeForms'
  | 'dateOrderReason'
  | 'actionValues'
  | 'needsMapping'
  | 'problems'
>;

// A column the header names as the time is kept when half its sample reads as times (a short file with one broken
// row must not be refused whole); a column guessed from values needs a clearer majority.
const NAMED_TIME_SHARE = 0.5;

const column = (rows: readonly string[][], j: number): string[] => rows.map((r) => (r[j] ?? '').trim());

/** Distinct values of the action column with their row counts and proposed canonical actions. */
function collectActionValues(values: readonly string[], numericCodes: boolean): ActionValueSeen[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 50)
    .map(([value, count]) => ({
      value,
      count,
      proposed: numericCodes ? tianchiAction(value) : proposeAction(value),
    }));
}

// Tianchi's mobile-commerce export writes behavior_type as 1 click, 2 favourite, 3 cart, 4 purchase.
function tianchiAction(value: string): Action | 'skip' {
  return value === '1' ? 'click' : value === '4' ? 'purchase' : 'skip';
}

/** The action a file holds when its name says so (purchases.csv, clicks.csv), for files without an action column. */
export function actionFromFileName(name: string): Action | null {
  const n = name.toLowerCase();
  if (/purchase|buy|order|transaction/.test(n)) return 'purchase';
  if (/click|view|pv|browse/.test(n)) return 'click';
  return null;
}

/** Columns guessed from values: times by format, actions by aliases, then the first free columns as user, category. */
function guessFromValues(rows: readonly string[][], taken: readonly number[]): Record<MappedField, number> {
  const width = Math.max(...rows.map((r) => r.length));
  const cols = Array.from({ length: width }, (_, j) => column(rows, j));
  const free = (j: number): boolean => !taken.includes(j);
  const time = cols.findIndex((c, j) => free(j) && detectTimeFormat(c) !== null);
  const action = cols.findIndex(
    (c, j) => free(j) && j !== time && c.filter((v) => proposeAction(v) !== 'skip').length >= 0.5 * c.length,
  );
  const rest = cols.map((_, j) => j).filter((j) => free(j) && j !== time && j !== action);
  return { user: rest[0] ?? -1, category: rest[1] ?? -1, time, action, count: -1 };
}

export function proposeEventMapping(name: string, header: string[] | null, rows: string[][]): Proposal {
  if (!header && looksLikeTaobao(rows)) return taobaoProposal(rows);
  const named = header ? findEventColumns(header) : null;
  const guessed = guessFromValues(rows, named ? Object.values(named).filter((j) => j >= 0) : []);
  const pick = (f: MappedField): [number, number] =>
    named && named[f] >= 0 ? [named[f], 1] : guessed[f] >= 0 && f !== 'count' ? [guessed[f], 0.5] : [-1, 0];
  const [user, userConf] = pick('user');
  const [category, categoryConf] = pick('category');
  const [time, timeConf] = pick('time');
  const [action, actionConf] = pick('action');
  const [count, countConf] = pick('count');
  const seen = header ? ` (columns seen: ${header.join(', ')})` : ' (the file has no header row)';
  const problems: string[] = [];
  const missing = (['user', 'category', 'time'] as const).filter(
    (_f, i) => [userConf, categoryConf, timeConf][i] < 1,
  );
  if (missing.length) problems.push(missingColumnsMessage(name, missing, seen));

  const timeColumn =
    time >= 0 ? detectTimeColumn(column(rows, time), timeConf === 1 ? NAMED_TIME_SHARE : undefined) : null;
  const timeFormat = timeColumn?.format ?? null;
  if (time >= 0 && timeConf === 1 && !timeFormat) problems.push(badTimeMessage(name, header, time, rows));
  const numericCodes =
    action >= 0 &&
    header !== null &&
    normaliseHeader(header[action]) === 'behaviortype' &&
    isTianchiCodes(rows, action);
  const actionValues = action >= 0 ? collectActionValues(column(rows, action), numericCodes) : [];
  const fixedAction = action >= 0 ? undefined : (actionFromFileName(name) ?? undefined);
  if (action < 0 && !fixedAction)
    problems.push(
      `${name}: no action column found and the file name does not say which action it holds. Expected a column ` +
        `named ${FIELD_EXPECTED.action}, or choose purchase or click for the whole file${seen}.`,
    );

  const mapping: ColumnMapping = {
    user: Math.max(user, 0),
    category: Math.max(category, 0),
    time: Math.max(time, 0),
    action: action >= 0 ? action : null,
    count: count >= 0 ? count : null,
    ...(fixedAction ? { fixedAction } : {}),
    ...(actionValues.length
      ? { actionMap: Object.fromEntries(actionValues.map((a) => [a.value, a.proposed])) }
      : {}),
    ...(named && named.categoryName >= 0 ? { categoryName: named.categoryName } : {}),
    ...(timeFormat ? { timeFormat } : {}),
    ...(timeColumn?.dateOrder ? { dateOrder: timeColumn.dateOrder } : {}),
  };
  const layout = numericCodes
    ? 'tianchi-mobile'
    : header
      ? (recogniseNamedLayout(header) ?? 'named-columns')
      : null;
  return {
    layout: problems.length ? null : layout,
    mapping,
    confidence: {
      user: userConf,
      category: categoryConf,
      time: timeConf,
      action: actionConf,
      count: countConf,
    },
    timeFormat,
    timeForms: timeColumn?.forms ?? [],
    dateOrderReason: timeColumn?.dateOrderReason ?? null,
    actionValues,
    needsMapping: problems.length > 0,
    problems,
  };
}

function isTianchiCodes(rows: readonly string[][], j: number): boolean {
  return column(rows, j).every((v) => v === '1' || v === '2' || v === '3' || v === '4');
}

function taobaoProposal(rows: string[][]): Proposal {
  const actionValues = collectActionValues(column(rows, TAOBAO_MAPPING.action), false);
  const timeFormat: TimeFormat = 'unix-s';
  return {
    layout: 'taobao-userbehavior',
    mapping: {
      ...TAOBAO_MAPPING,
      timeFormat,
      actionMap: { pv: 'click', buy: 'purchase', cart: 'skip', fav: 'skip' },
    },
    confidence: { user: 1, category: 1, time: 1, action: 1, count: 0 },
    timeFormat,
    timeForms: [timeFormat],
    dateOrderReason: null,
    actionValues,
    needsMapping: false,
    problems: [],
  };
}

export function badTimeMessage(name: string, header: string[] | null, j: number, rows: string[][]): string {
  const values = column(rows, j).filter((v) => v !== '');
  const unreadable = values.filter((v) => classifyTime(v) === null);
  // Show the values no form reads (the culprits) first, then real ones; never an empty list.
  const examples = [...new Set([...unreadable, ...values])].slice(0, 3);
  const label = header ? `"${header[j]}"` : `${j + 1}`;
  const formats = Object.values(TIME_FORMAT_LABELS).join(', ');
  const expected = `Expected one of: ${formats}.`;
  if (examples.length === 0)
    return `${name}: the time column ${label} is empty in all ${rows.length} rows read. ${expected}`;
  return (
    `${name}: the time column ${label} holds values like ${examples.map((e) => `"${e}"`).join(', ')}, which are ` +
    `not a supported time format. ${expected} A column may mix these forms; only rows no form reads are skipped.`
  );
}

function missingColumnsMessage(name: string, missing: readonly MappedField[], seen: string): string {
  if (missing.length === 1)
    return `${name}: no ${missing[0]} column found. Expected a column named ${FIELD_EXPECTED[missing[0]]}${seen}.`;
  const list = `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]}`;
  const parts = missing.map((f) => `a ${f} column (${FIELD_EXPECTED[f]})`);
  const expected = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${name}: no ${list} column found. Expected ${expected}${seen}.`;
}
