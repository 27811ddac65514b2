// A small REES46-layout export ("eCommerce behavior data from multi category store") made in the tests: two months
// of events with 19-digit category ids beyond 2^53, dotted category codes (some blank, one id with a second code),
// written as CSV text or as typed Parquet by a real writer.

import { parquetWriteBuffer } from 'hyparquet-writer';

export const REES46_HEADER =
  'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';

export interface Rees46Row {
  time: Date;
  type: 'view' | 'cart' | 'purchase';
  product: number;
  categoryId: string;
  code: string;
  brand: string;
  price: number;
  user: string;
  session: string;
}

// Ids above Number.MAX_SAFE_INTEGER: a double would round them onto one another.
export const CATEGORIES = {
  maternityClothing: { id: '2053013555631882655', code: 'maternity.clothing' },
  maternityCare: { id: '2053013555631882657', code: 'maternity.care.lotion' },
  heels: { id: '2053013555631882659', code: 'apparel.shoes.heels' },
  toys: { id: '2053013555631882661', code: 'kids.toys' },
  unnamed: { id: '2053013555631882663', code: '' },
} as const;

/** Deterministic events: mothers buy maternity goods, others heels, everyone views toys; October and November. */
export function rees46Rows(users = 30): Rees46Row[] {
  const rows: Rees46Row[] = [];
  const add = (
    u: number,
    month: number,
    day: number,
    type: Rees46Row['type'],
    c: { id: string; code: string },
  ) =>
    rows.push({
      time: new Date(Date.UTC(2019, month, day, (u * 7) % 24, (u * 13) % 60, 5)),
      type,
      product: 1000 + u,
      categoryId: c.id,
      code: c.code,
      brand: u % 3 ? 'acme' : '',
      price: 9.99 + u,
      user: String(512_000_000 + u),
      session: `s-${u}-${month}`,
    });
  for (let u = 0; u < users; u++) {
    const goods =
      u % 3 === 0 ? CATEGORIES.maternityClothing : u % 3 === 1 ? CATEGORIES.heels : CATEGORIES.toys;
    add(u, 9, 1 + (u % 28), 'purchase', goods);
    add(u, 9, 2 + (u % 27), 'view', CATEGORIES.toys);
    add(u, 10, 3 + (u % 25), 'purchase', u % 3 === 0 ? CATEGORIES.maternityCare : goods);
    add(u, 10, 4 + (u % 25), 'cart', goods);
    add(u, 10, 5 + (u % 20), 'view', CATEGORIES.unnamed);
  }
  // One blank code (keeps the id's name from its other rows) and one conflicting code (outvoted).
  rows.push({ ...rows[0], code: '', time: new Date(Date.UTC(2019, 9, 20)) });
  rows.push({ ...rows[0], code: 'maternity.clothes', time: new Date(Date.UTC(2019, 9, 21)) });
  return rows;
}

const sqlTime = (d: Date): string => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function rees46Csv(rows: readonly Rees46Row[]): string {
  const lines = rows.map((r) =>
    [sqlTime(r.time), r.type, r.product, r.categoryId, r.code, r.brand, r.price, r.user, r.session].join(','),
  );
  return `${REES46_HEADER}\n${lines.join('\n')}\n`;
}

/** The rows as a warehouse would type them: timestamps, INT64 ids (as BigInt), doubles, strings with nulls. */
export function rees46Parquet(rows: readonly Rees46Row[], rowGroupSize = 40): ArrayBuffer {
  return parquetWriteBuffer({
    rowGroupSize,
    columnData: [
      { name: 'event_time', data: rows.map((r) => r.time), type: 'TIMESTAMP' },
      { name: 'event_type', data: rows.map((r) => r.type), type: 'STRING' },
      { name: 'product_id', data: rows.map((r) => BigInt(r.product)), type: 'INT64' },
      { name: 'category_id', data: rows.map((r) => BigInt(r.categoryId)), type: 'INT64' },
      { name: 'category_code', data: rows.map((r) => r.code || null), type: 'STRING' },
      { name: 'brand', data: rows.map((r) => r.brand || null), type: 'STRING' },
      { name: 'price', data: rows.map((r) => r.price), type: 'DOUBLE' },
      { name: 'user_id', data: rows.map((r) => BigInt(r.user)), type: 'INT64' },
      { name: 'user_session', data: rows.map((r) => r.session), type: 'STRING' },
    ],
  });
}
