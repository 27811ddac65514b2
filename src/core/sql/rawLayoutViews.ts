// Views that map a known raw export onto the canonical events columns (user_id, category, category_name, time,
// action, count), so the generated queries run on the files as the shops download them.

import { sqlTable, type SqlDialect } from './dialect';

export type RawLayout = 'rees46' | 'taobao';
export const RAW_LAYOUTS: readonly RawLayout[] = ['rees46', 'taobao'];

export interface RawViewOptions {
  dialect: SqlDialect;
  /** the raw table as loaded (strings are fine) */
  source: string;
  /** the view to create; default "events" */
  view?: string;
}

/** Raw timestamp expressions per dialect: REES46 writes "2019-10-01 00:00:04 UTC", Taobao Unix seconds. */
function rees46Time(dialect: SqlDialect): string {
  const text = `replace(CAST(event_time AS ${dialect.stringType}), ' UTC', '')`;
  return dialect.name === 'spark' ? `to_timestamp(${text})` : `CAST(${text} AS TIMESTAMP)`;
}

function unixSecondsTime(dialect: SqlDialect, column: string): string {
  return dialect.name === 'spark'
    ? `timestamp_seconds(CAST(${column} AS BIGINT))`
    : `make_timestamp(CAST(${column} AS BIGINT) * 1000000)`;
}

const BUILDERS: Record<RawLayout, (o: RawViewOptions) => string> = {
  rees46: (
    o,
  ) => `-- REES46 (Kaggle "eCommerce behavior data"): event_time, event_type, product_id, category_id,
-- category_code, brand, price, user_id, user_session. view -> click, purchase -> purchase; cart and
-- remove_from_cart are not evidence. category_code is the dotted name ("kids.toys"), often empty.
CREATE OR REPLACE VIEW ${sqlTable(o.dialect, o.view ?? 'events')} AS
SELECT
  user_id,
  category_id AS category,
  NULLIF(trim(CAST(category_code AS ${o.dialect.stringType})), '') AS category_name,
  ${rees46Time(o.dialect)} AS ${o.dialect.quote('time')},
  CASE event_type WHEN 'purchase' THEN 'purchase' ELSE 'click' END AS action,
  1 AS ${o.dialect.quote('count')}
FROM ${sqlTable(o.dialect, o.source)}
WHERE event_type IN ('purchase', 'view');
`,
  taobao: (
    o,
  ) => `-- Taobao UserBehavior (header-less): user_id, item_id, category_id, behavior_type, timestamp (Unix
-- seconds); load it with those column names. buy -> purchase, pv -> click; cart and fav are not evidence.
CREATE OR REPLACE VIEW ${sqlTable(o.dialect, o.view ?? 'events')} AS
SELECT
  user_id,
  category_id AS category,
  CAST(NULL AS ${o.dialect.stringType}) AS category_name,
  ${unixSecondsTime(o.dialect, o.dialect.quote('timestamp'))} AS ${o.dialect.quote('time')},
  CASE behavior_type WHEN 'buy' THEN 'purchase' ELSE 'click' END AS action,
  1 AS ${o.dialect.quote('count')}
FROM ${sqlTable(o.dialect, o.source)}
WHERE behavior_type IN ('buy', 'pv');
`,
};

export function buildRawLayoutView(layout: RawLayout, options: RawViewOptions): string {
  const build = (BUILDERS as Record<string, ((o: RawViewOptions) => string) | undefined>)[layout];
  if (!build) throw new Error(`Unknown raw layout "${layout}"; use ${RAW_LAYOUTS.join(' or ')}.`);
  return build(options);
}
