import { describe, expect, it } from 'vitest';
import { importDataset } from './importDataset';
import { isAbortError } from './abort';
import { sourceFromBytes, sourceFromText } from './source';
import { dayFromIso } from '../time';
import type { ImportProgress } from './importTypes';

const fromText = (name: string, text: string, chunkSize?: number) => ({
  source: sourceFromText(name, text, chunkSize),
});

/** Events of a store as readable tuples, in store order (grouped by user, by day within a user). */
function eventsOf(store: NonNullable<Awaited<ReturnType<typeof importDataset>>['dataset']>['store']) {
  const out: [string, string, string, number][] = [];
  for (let u = 0; u < store.userIds.length; u++)
    for (let i = store.userStart[u]; i < store.userStart[u + 1]; i++)
      out.push([
        store.userIds[u],
        store.categoryIds[store.category[i]],
        String(store.day[i]),
        store.count[i],
      ]);
  return out;
}

describe('importDataset', () => {
  it('skips each kind of bad row with its reason and spreadsheet row number, keeping every good row', async () => {
    const text = [
      'user_id,category,time,action,count',
      'u1,c1,2024-01-05,buy,2',
      'u2,c1,yesterday,buy,1',
      'u3,c1,2024-01-05,buy,-1',
      'u4,c1,2024-01-05,buy,two',
      'u5,c1,2024-01-05,buy,0',
      ',c1,2024-01-05,buy,1',
      'u6,,2024-01-05,buy,1',
      'u7,c1,2024-01-05,,1',
      'u8,c1',
      '',
      'u9,c2,2024-01-06,cart,1',
      'u1,c2,2024-01-04,pv,',
    ].join('\n');
    const { dataset, report } = await importDataset([fromText('p.csv', text)]);
    expect(eventsOf(dataset!.store)).toEqual([
      ['u1', 'c2', String(dayFromIso('2024-01-04')), 1],
      ['u1', 'c1', String(dayFromIso('2024-01-05')), 2],
    ]);
    const first = (reason: keyof typeof report.skipped) => report.skipped[reason]!.examples[0];
    expect(Object.fromEntries(Object.entries(report.skipped).map(([k, v]) => [k, v.count]))).toEqual({
      'bad-time': 1,
      'negative-count': 1,
      'bad-count': 1,
      'zero-count': 1,
      'empty-user': 1,
      'empty-category': 1,
      'unknown-action': 1,
      'too-few-fields': 1,
    });
    expect(first('bad-time')).toEqual({
      file: 'p.csv',
      row: 3,
      values: ['u2', 'c1', 'yesterday', 'buy', '1'],
    });
    expect(first('too-few-fields')).toEqual({ file: 'p.csv', row: 10, values: ['u8', 'c1'] });
    expect(first('unknown-action').row).toBe(9);
    expect(report).toMatchObject({
      rows: 11,
      events: 2,
      users: 1,
      categories: 2,
      dateRange: { from: '2024-01-04', to: '2024-01-05' },
      actions: { purchase: 1, click: 1 },
      otherBehaviours: { cart: 1 },
    });
    expect(report.files).toEqual([
      expect.objectContaining({
        name: 'p.csv',
        role: 'events',
        layout: 'tag-lab',
        rows: 11,
        events: 2,
        error: null,
      }),
    ]);
  });

  it('keeps at most five examples per reason but counts them all', async () => {
    const good = Array.from({ length: 20 }, (_, i) => `u${i},c1,2024-01-01,buy`).join('\n');
    const bad = Array.from({ length: 8 }, (_, i) => `u${i},c1,never,buy`).join('\n');
    const { report } = await importDataset([fromText('e.csv', `user,cat,date,action\n${good}\n${bad}`)]);
    expect(report.skipped['bad-time']!.count).toBe(8);
    expect(report.skipped['bad-time']!.examples.map((e) => e.row)).toEqual([22, 23, 24, 25, 26]);
  });

  it('handles BOM, CRLF, quoted fields with commas, quotes and newlines', async () => {
    const text =
      '\ufeffuser_id,category,time,action\r\n' +
      '"u1","baby, formula",2024-02-01,buy\r\n' +
      'u2,"say ""hi""\r\nthere",2024-02-02,view\r\n' +
      'u3,books,2024-02-03,nonsense\r\n' +
      'u4,books,bad,buy\r\n';
    const { dataset, report } = await importDataset([fromText('q.csv', text)]);
    expect(dataset!.store.categoryIds).toEqual(['baby, formula', 'say "hi"\r\nthere']);
    expect(dataset!.store.userIds).toEqual(['u1', 'u2']);
    // The quoted newline does not shift spreadsheet row numbers: u4 is row 5.
    expect(report.skipped['bad-time']!.examples[0].row).toBe(5);
    expect(report.otherBehaviours).toEqual({ nonsense: 1 });
  });

  it('parses a quoted field and a multi-byte character split across byte chunks', async () => {
    const text =
      'user_id,category,time,action\nu1,"crème, brûlée\nset",2024-02-01,buy\nu2,ü,2024-02-02,buy\n';
    const bytes = new TextEncoder().encode(text);
    const results = [];
    // Every chunk size from 1 to 40 bytes puts a boundary inside the quotes and inside the two-byte characters.
    for (let size = 1; size <= 40; size++) {
      const { dataset } = await importDataset([{ source: sourceFromBytes('s.csv', bytes, size) }]);
      results.push(dataset!.store.categoryIds.join('|'));
    }
    expect(new Set(results)).toEqual(new Set(['crème, brûlée\nset|ü']));
  });

  it('merges event files: the same user in purchases and clicks becomes one user', async () => {
    const purchases = 'user_id,category,time,action,count\nu1,c1,2024-03-01T09:00:00Z,purchase,3\n';
    const clicks =
      'uid;cat;timestamp;behavior_type\nu1;c2;1709294400;pv\nu2;c1;1709294400;click\nu2;c1;1709294400;fav\n';
    const { dataset, report } = await importDataset([
      fromText('purchases.csv', purchases),
      fromText('c.csv', clicks),
    ]);
    const store = dataset!.store;
    expect(store.userIds).toEqual(['u1', 'u2']);
    expect(Array.from(store.userStart)).toEqual([0, 2, 3]);
    expect(Array.from(store.action)).toEqual([0, 1, 1]);
    expect(Array.from(store.day)).toEqual([19783, 19783, 19783]);
    expect(report).toMatchObject({
      events: 3,
      users: 2,
      actions: { purchase: 1, click: 2 },
      otherBehaviours: { fav: 1 },
    });
    expect(report.files.map((f) => [f.name, f.layout, f.timeFormat, f.events])).toEqual([
      ['purchases.csv', 'tag-lab', 'iso-datetime', 1],
      ['c.csv', 'named-columns', 'unix-s', 2],
    ]);
  });

  it('imports header-less Taobao UserBehavior, skipping cart and fav as other behaviours', async () => {
    const text =
      '1,100,2520377,pv,1511544070\n1,101,2520377,buy,1511561733\n2,102,4690421,cart,1511561800\n2,103,4690421,fav,1511561801\n';
    const { dataset, report } = await importDataset([fromText('UserBehavior.csv', text)]);
    expect(dataset!.store.categoryIds).toEqual(['2520377']);
    expect(report).toMatchObject({ rows: 4, events: 2, otherBehaviours: { cart: 1, fav: 1 } });
    expect(report.files[0].layout).toBe('taobao-userbehavior');
    expect(report.dateRange).toEqual({ from: '2017-11-24', to: '2017-11-24' });
  });

  it('applies a category dictionary and reads a truth file with stages and yes/no labels', async () => {
    const events = 'user_id,category,time,action\nu1,c1,2024-01-01,buy\nu2,c2,2024-01-02,buy\n';
    const categories = 'category_id,name\nc1,maternity care\nc3,unused\n';
    const truth =
      'user_id,label,stage\nu1,yes,pregnant\nu2,0,man\nu3,true,pregnant\nu4,maybe,x\nu1,1,again\n';
    const { dataset, report } = await importDataset([
      fromText('events.csv', events),
      fromText('categories.csv', categories),
      fromText('truth.csv', truth),
    ]);
    expect(dataset!.store.categoryNames).toEqual(['maternity care', 'c2']);
    expect(dataset!.truth!.userIds).toEqual(['u1', 'u2', 'u3']);
    expect(Array.from(dataset!.truth!.labels)).toEqual([1, 0, 1]);
    expect(dataset!.truth!.stages).toEqual(['pregnant', 'man', 'pregnant']);
    expect(report.skipped['bad-label']!.examples[0]).toEqual({
      file: 'truth.csv',
      row: 5,
      values: ['u4', 'maybe', 'x'],
    });
    expect(report.truthUsers).toBe(3);
    expect(report.warnings).toEqual([
      'truth.csv: 1 users appear more than once; their first row was kept.',
      '1 of 3 users in the truth file have no events; they cannot be scored.',
    ]);
    expect(report.files.map((f) => [f.role, f.rows, f.events])).toEqual([
      ['events', 2, 2],
      ['categories', 2, 2],
      ['truth', 5, 3],
    ]);
  });

  it('gives an unusable file one message and still imports the others', async () => {
    const good = fromText('good.csv', 'user_id,category,time,action\nu1,c1,2024-01-01,buy\n');
    const { dataset, report } = await importDataset([
      fromText('empty.csv', ''),
      fromText('no-time.csv', 'a,b,c\n1,2,3\n'),
      good,
      { source: sourceFromBytes('image.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])) },
    ]);
    expect(dataset!.store.userIds).toEqual(['u1']);
    expect(report.files.map((f) => f.error)).toEqual([
      'empty.csv: the file is empty. Expected a CSV file with a header row such as user_id,category,time,action,count and one event per row.',
      expect.stringMatching(
        /^no-time.csv: no user, category or time column found\. .*\(columns seen: a, b, c\)\.$/,
      ),
      null,
      expect.stringMatching(/^image.csv: this is not a text CSV file \(it looks like a PNG image\)/),
    ]);
  });

  it('returns no dataset when nothing is usable', async () => {
    const { dataset, report } = await importDataset([fromText('h.csv', 'user_id,category,time,action\n')]);
    expect(dataset).toBeNull();
    expect(report.events).toBe(0);
    expect(report.files[0].error).toMatch(/^h.csv: the file has a header row/);
  });

  it('imports with a mapping chosen on the page: columns, one action for the file, mapped behaviours', async () => {
    const text = 'who,what,when,kind\nu1,diapers,20240101,fav\nu2,books,20240102,cart\n';
    const { dataset, report } = await importDataset([
      {
        ...fromText('unmapped.csv', text),
        mapping: { user: 0, category: 1, time: 2, action: 3, count: null, actionMap: { fav: 'click' } },
      },
      {
        ...fromText('extra.csv', 'a,b,c\nu3,toys,2024-02-01\n'),
        mapping: { user: 0, category: 1, time: 2, action: null, count: null, fixedAction: 'purchase' },
      },
    ]);
    expect(dataset!.store.userIds).toEqual(['u1', 'u3']);
    expect(report).toMatchObject({ actions: { purchase: 1, click: 1 }, otherBehaviours: { cart: 1 } });
    expect(report.files.map((f) => [f.layout, f.timeFormat])).toEqual([
      ['custom', 'yyyymmdd'],
      ['custom', 'iso-date'],
    ]);
  });

  it('reports progress in bytes over all files and rejects with an AbortError when cancelled', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `u${i},c1,2024-01-01,buy`).join('\n');
    const text = `user,category,date,action\n${rows}\n`;
    const progress: ImportProgress[] = [];
    await importDataset([fromText('a.csv', text, 4096), fromText('b.csv', text, 4096)], {
      onProgress: (p) => progress.push(p),
    });
    const last = progress[progress.length - 1];
    expect(last).toEqual({
      file: 'b.csv',
      bytesRead: text.length,
      totalBytes: 2 * text.length,
      bytesDone: 2 * text.length,
    });

    const controller = new AbortController();
    const cancelled = importDataset([fromText('a.csv', text, 1024)], {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const error = await cancelled.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(isAbortError(new Error('disk full'))).toBe(false);
  });
});
