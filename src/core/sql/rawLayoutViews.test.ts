// The raw-layout views run on DuckDB over a few rows of each export, as the shops download them.

import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { sqlDialect } from './dialect';
import { buildRawLayoutView } from './rawLayoutViews';

const dialect = sqlDialect('duckdb');

async function viewRows(setup: string, view: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(setup);
    await connection.run(view);
    const reader = await connection.runAndReadAll(
      `SELECT user_id, category, category_name, CAST("time" AS VARCHAR), action, "count" FROM events ORDER BY 4`,
    );
    return reader.getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  } finally {
    connection.closeSync();
  }
}

describe('raw layout views', () => {
  it('map REES46 rows: view → click, purchase kept, cart skipped, UTC times, empty codes as no name', async () => {
    const rows = await viewRows(
      `CREATE TABLE raw AS SELECT * FROM (VALUES
        ('2019-10-01 00:00:04 UTC', 'view', '44600062', '2103807459595387724', '', 'shiseido', '35.79', '541312140', 's1'),
        ('2019-10-01 00:00:05 UTC', 'cart', '3900821', '2053013552326770905', 'appliances.environment', 'aqua', '33.20', '554748717', 's2'),
        ('2019-10-02 13:10:00 UTC', 'purchase', '17200506', '2053013559792632471', 'furniture.living_room.sofa', '', '543.10', '519107250', 's3')
      ) AS t(event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session)`,
      buildRawLayoutView('rees46', { dialect, source: 'raw' }),
    );
    expect(rows).toEqual([
      ['541312140', '2103807459595387724', null, '2019-10-01 00:00:04', 'click', 1],
      [
        '519107250',
        '2053013559792632471',
        'furniture.living_room.sofa',
        '2019-10-02 13:10:00',
        'purchase',
        1,
      ],
    ]);
  });

  it('map Taobao UserBehavior rows: pv → click, buy → purchase, Unix seconds as UTC', async () => {
    const rows = await viewRows(
      `CREATE TABLE raw AS SELECT * FROM (VALUES
        (1, 2268318, 2520377, 'pv', 1511544070),
        (1, 2333346, 2520771, 'cart', 1511561733),
        (2, 1576651, 149192, 'buy', 1511572885)
      ) AS t(user_id, item_id, category_id, behavior_type, "timestamp")`,
      buildRawLayoutView('taobao', { dialect, source: 'raw' }),
    );
    expect(rows).toEqual([
      [1, 2520377, null, '2017-11-24 17:21:10', 'click', 1],
      [2, 149192, null, '2017-11-25 01:21:25', 'purchase', 1],
    ]);
  });
});
