// Column recognition: header aliases per field (matched case- and punctuation-insensitively) and the known
// layouts, header-less Taobao UserBehavior among them.

import type { MappedField } from './importTypes';

/** Aliases in order of preference; written without separators because headers are compared that way. */
export const FIELD_ALIASES: Readonly<Record<MappedField, readonly string[]>> = {
  user: [
    'userid',
    'user',
    'uid',
    'visitorid',
    'visitor',
    'customerid',
    'customer',
    'clientid',
    'memberid',
    'buyerid',
  ],
  category: [
    'category',
    'categoryid',
    'cat',
    'catid',
    'cate',
    'itemcategory',
    'categorycode',
    'categoryname',
    'catname',
  ],
  time: [
    'time',
    'timestamp',
    'date',
    'day',
    'eventtime',
    'datetime',
    'eventdate',
    'ts',
    'createdat',
    'eventtimestamp',
  ],
  action: [
    'action',
    'behaviortype',
    'behaviourtype',
    'behavior',
    'behaviour',
    'event',
    'eventtype',
    'actiontype',
    'type',
  ],
  count: ['count', 'qty', 'quantity', 'buymount', 'amount', 'cnt', 'num', 'n'],
};

/** How the messages name a field's expected headers. */
export const FIELD_EXPECTED: Readonly<Record<MappedField, string>> = {
  user: 'user_id, user, uid or visitorid',
  category: 'category, category_id, cat, cat_id or category_code',
  time: 'time, timestamp, date, day or event_time',
  action: 'action, behavior_type, event or event_type',
  count: 'count, qty, quantity or buy_mount',
};

export const LABEL_ALIASES = [
  'label',
  'truth',
  'target',
  'y',
  'ispositive',
  'positive',
  'tag',
  'pregnant',
  'ispregnant',
];
export const STAGE_ALIASES = ['stage', 'lifestage', 'status', 'segment'];
export const NAME_ALIASES = [
  'name',
  'categoryname',
  'catname',
  'title',
  'label',
  'displayname',
  'description',
];
/** Headers of a category's display name written beside its id in event files (REES46 category_code and the like). */
export const CATEGORY_NAME_ALIASES = [
  'categorycode',
  'categoryname',
  'catname',
  'categorypath',
  'categorytitle',
  'categorylabel',
  'categoryfullname',
  'categorytree',
];
export const CATEGORY_ID_ALIASES = ['categoryid', 'catid', 'category', 'id', 'cat', 'categorycode', 'code'];

/** "User ID", "user-id" and "userId" all become "userid". */
export function normaliseHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Index of the first header matching the earliest alias in the list, or -1. */
export function findByAliases(
  normalised: readonly string[],
  aliases: readonly string[],
  exclude = -1,
): number {
  for (const a of aliases) {
    const i = normalised.findIndex((h, j) => h === a && j !== exclude);
    if (i >= 0) return i;
  }
  return -1;
}

/** True when a cell reads like a header name of any field (used to tell a header row from data). */
export function looksLikeHeaderName(cell: string): boolean {
  const n = normaliseHeader(cell);
  if (n === '' || /^\d/.test(n)) return false;
  return (
    Object.values(FIELD_ALIASES).some((list) => list.includes(n)) ||
    LABEL_ALIASES.includes(n) ||
    STAGE_ALIASES.includes(n) ||
    NAME_ALIASES.includes(n) ||
    CATEGORY_ID_ALIASES.includes(n)
  );
}

export interface HeaderColumns {
  user: number;
  category: number;
  time: number;
  action: number;
  count: number;
  /** a name/code column beside the category id, or -1 */
  categoryName: number;
}

/**
 * Event columns named by the header (-1 where none). The category id is the key (category_code is often blank);
 * a name or code column beside it becomes the id's display name.
 */
export function findEventColumns(header: readonly string[]): HeaderColumns {
  const n = header.map(normaliseHeader);
  const user = findByAliases(n, FIELD_ALIASES.user);
  const category = findByAliases(n, FIELD_ALIASES.category);
  const keyIsName = category >= 0 && CATEGORY_NAME_ALIASES.includes(n[category]);
  return {
    user,
    category,
    categoryName: category < 0 || keyIsName ? -1 : findByAliases(n, CATEGORY_NAME_ALIASES, category),
    time: findByAliases(n, FIELD_ALIASES.time),
    action: findByAliases(n, FIELD_ALIASES.action),
    count: findByAliases(n, FIELD_ALIASES.count),
  };
}

/** Name of a known layout with a header, from its exact column set. */
export function recogniseNamedLayout(header: readonly string[]): string | null {
  const n = header.map(normaliseHeader).join(',');
  if (n === 'userid,category,time,action,count' || n === 'userid,category,time,action') return 'tag-lab';
  if (n.startsWith('eventtime,eventtype,productid,categoryid,categorycode')) return 'rees46-ecommerce';
  return null;
}

const TAOBAO_BEHAVIOURS = new Set(['pv', 'buy', 'cart', 'fav']);

/** Header-less Taobao UserBehavior: user_id,item_id,category_id,behavior_type,timestamp (Unix seconds). */
export function looksLikeTaobao(rows: readonly string[][]): boolean {
  const data = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (data.length === 0) return false;
  return data.every(
    (r) =>
      r.length === 5 &&
      /^\d+$/.test(r[0]) &&
      /^\d+$/.test(r[1]) &&
      /^\d+$/.test(r[2]) &&
      TAOBAO_BEHAVIOURS.has(r[3]) &&
      /^-?\d{1,10}$/.test(r[4]),
  );
}

export const TAOBAO_MAPPING = { user: 0, category: 2, time: 4, action: 3, count: null } as const;
