import { describe, expect, it } from 'vitest';
import { sniffSource } from './sniff';
import { sourceFromBytes, sourceFromText } from './source';

const sniffText = (name: string, text: string) => sniffSource(sourceFromText(name, text));

describe('sniffSource', () => {
  it('recognises the tag-lab layout with header and ISO date-times', async () => {
    const s = await sniffText(
      'events.csv',
      'user_id,category,time,action,count\nu1,c1,2024-03-15T10:00:00Z,buy,2\n',
    );
    expect(s).toMatchObject({ role: 'events', layout: 'tag-lab', delimiter: ',', hasHeader: true });
    expect(s.mapping).toEqual({
      user: 0,
      category: 1,
      time: 2,
      action: 3,
      count: 4,
      timeFormat: 'iso-datetime',
      actionMap: { buy: 'purchase' },
    });
    expect(s.rows).toEqual([['u1', 'c1', '2024-03-15T10:00:00Z', 'buy', '2']]);
    expect(s.problems).toEqual([]);
    expect(s.needsMapping).toBe(false);
  });

  it('recognises header-less Taobao UserBehavior by its shape', async () => {
    const text = '1,2268318,2520377,pv,1511544070\n1,2333346,2520771,buy,1511561733\n2,3,4,cart,1511561800\n';
    const s = await sniffText('UserBehavior.csv', text);
    expect(s).toMatchObject({ layout: 'taobao-userbehavior', hasHeader: false, timeFormat: 'unix-s' });
    expect(s.mapping).toMatchObject({ user: 0, category: 2, time: 4, action: 3, count: null });
    expect(s.actionValues).toEqual([
      { value: 'pv', count: 1, proposed: 'click' },
      { value: 'buy', count: 1, proposed: 'purchase' },
      { value: 'cart', count: 1, proposed: 'skip' },
    ]);
    expect(s.header).toEqual(['column 1', 'column 2', 'column 3', 'column 4', 'column 5']);
  });

  it('maps header aliases in any order and case, with semicolons', async () => {
    const s = await sniffText('clicks.csv', 'Behavior_Type;TIMESTAMP;cat;UID\npv;1710498600;c1;u1\n');
    expect(s.delimiter).toBe(';');
    expect(s.mapping).toMatchObject({
      user: 3,
      category: 2,
      time: 1,
      action: 0,
      count: null,
      timeFormat: 'unix-s',
    });
    expect(s.confidence).toEqual({ user: 1, category: 1, time: 1, action: 1, count: 0 });
  });

  it.each([
    ['visitorid', 'category_code', 'event_time', 'event_type', 'qty'],
    ['User ID', 'Cat_ID', 'Date', 'Event', 'Quantity'],
    ['userId', 'categoryId', 'eventTime', 'action', 'buy_mount'],
  ])('maps the header %s,%s,%s,%s,%s', async (...header) => {
    const s = await sniffText('e.csv', `${header.join('\t')}\nu1\tc1\t2024-03-15\tview\t1\n`);
    expect(s.delimiter).toBe('\t');
    expect(s.mapping).toMatchObject({
      user: 0,
      category: 1,
      time: 2,
      action: 3,
      count: 4,
      timeFormat: 'iso-date',
    });
  });

  it('prefers category_id over category_code in the REES46 e-commerce export', async () => {
    const header =
      'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';
    const row =
      '2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde';
    const s = await sniffText('2019-Oct.csv', `${header}\n${row}\n`);
    expect(s.layout).toBe('rees46-ecommerce');
    expect(s.mapping).toMatchObject({ user: 7, category: 3, time: 0, action: 1, timeFormat: 'sql-datetime' });
  });

  it('uses pipes and reads Tianchi numeric behaviour codes', async () => {
    const s = await sniffText(
      't.csv',
      'user_id|item_category|time|behavior_type\n1|5|20141118|1\n2|6|20141119|4\n',
    );
    expect(s).toMatchObject({ delimiter: '|', layout: 'tianchi-mobile', timeFormat: 'yyyymmdd' });
    expect(s.mapping?.actionMap).toEqual({ '1': 'click', '4': 'purchase' });
  });

  it('proposes a mapping from the values when no header name is known, and asks for it', async () => {
    const s = await sniffText(
      'unmapped.csv',
      'who,what,when,kind\nu1,diapers,2024-01-01,buy\nu2,books,2024-01-02,click\n',
    );
    expect(s.hasHeader).toBe(true);
    expect(s.needsMapping).toBe(true);
    expect(s.mapping).toMatchObject({ user: 0, category: 1, time: 2, action: 3 });
    expect(s.confidence).toEqual({ user: 0.5, category: 0.5, time: 0.5, action: 0.5, count: 0 });
    expect(s.problems).toEqual([
      'unmapped.csv: no user, category or time column found. Expected a user column (user_id, user, uid or ' +
        'visitorid), a category column (category, category_id, cat, cat_id or category_code) and a time column ' +
        '(time, timestamp, date, day or event_time) (columns seen: who, what, when, kind).',
    ]);
  });

  it('takes the action from the file name when there is no action column', async () => {
    const s = await sniffText('my-purchases.csv', 'user,category,date\nu1,c1,2024-01-01\n');
    expect(s.mapping).toMatchObject({ action: null, fixedAction: 'purchase' });
    expect(s.problems).toEqual([]);
    const unnamed = await sniffText('export.csv', 'user,category,date\nu1,c1,2024-01-01\n');
    expect(unnamed.needsMapping).toBe(true);
    expect(unnamed.problems[0]).toMatch(/^export.csv: no action column found/);
  });

  it('explains a time column in an unsupported format', async () => {
    const s = await sniffText('e.csv', 'user,category,date,action\nu1,c1,4th of March,buy\n');
    expect(s.problems[0]).toMatch(
      /^e.csv: the time column "date" holds values like "4th of March", which are not/,
    );
  });

  it('reads slashed dates and states how it decided day-first versus month-first', async () => {
    const s = await sniffText(
      'e.csv',
      'user,category,date,action\nu1,c1,03/04/2024,buy\nu2,c1,25/04/2024,buy\n',
    );
    expect(s.problems).toEqual([]);
    expect(s.mapping?.dateOrder).toBe('day-first');
    expect(s.dateOrderReason).toBe('day-first: 1 of 2 slashed dates have a first number above 12');
  });

  it('detects the role of side files', async () => {
    expect((await sniffText('c.csv', 'category_id,name\nc1,diapers\n')).role).toBe('categories');
    expect((await sniffText('t.csv', 'user_id,label,stage\nu1,1,pregnant\n')).role).toBe('truth');
    expect((await sniffText('categories.csv', 'c1,diapers\nc2,books\n')).role).toBe('categories');
  });

  it('takes a file with category columns and a column of times for events, not a category dictionary', async () => {
    const s = await sniffText(
      'export.csv',
      [
        'who,category_id,category_name,when,what,who',
        'u1,c1,diapers,2024-03-02 10:00:00,buy,u1',
        'u2,c2,books,2024-03-03 11:00:00,view,u2',
        'u3,c1,diapers,2024-03-04 12:00:00,buy,u3',
      ].join('\n'),
    );
    expect(s.role).toBe('events');
    expect(s.mapping?.time).toBe(3);
    expect(s.mapping?.category).toBe(1);
    expect(s.duplicateHeaders?.map((d) => [d.name, d.columns])).toEqual([['who', [0, 5]]]);
  });

  it('keeps a three-column dictionary whose ids look like Unix seconds a dictionary', async () => {
    const text = 'category_id,name,parent_id\n1700000001,diapers,1700000000\n1700000002,books,1700000000\n';
    expect((await sniffText('cats.csv', text)).role).toBe('categories');
  });

  it.each([
    ['empty.csv', '', 'empty.csv: the file is empty.'],
    ['blank.csv', '\ufeff \n\n', 'blank.csv: the file is empty.'],
    [
      'h.csv',
      'user_id,category,time\n',
      'h.csv: the file has a header row (user_id, category, time) but no data rows.',
    ],
  ])('refuses %s with one clear message', async (name, text, message) => {
    const s = await sniffText(name, text);
    expect(s.unusable).toBe(true);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0].startsWith(message)).toBe(true);
  });

  it('refuses binary files and says what they look like', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const s = await sniffSource(sourceFromBytes('photo.csv', png));
    expect(s.problems[0]).toMatch(/^photo.csv: this is not a text CSV file \(it looks like a PNG image\)/);
    const zip = await sniffSource(sourceFromBytes('x.csv', new Uint8Array([0x50, 0x4b, 3, 4, 20, 0])));
    expect(zip.problems[0]).toMatch(/Excel \.xlsx workbook/);
  });

  it('reads only the head of a large file', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `u${i},c1,2024-01-01,buy`).join('\n');
    const s = await sniffText('big.csv', `user,category,date,action\n${rows}\n`);
    expect(s.rows).toHaveLength(10);
    expect(s.size).toBeGreaterThan(400_000);
  });

  it('falls back to Windows-1252 for files that are not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('category_id,name\nc1,caf'), 0xe9, 0x0a]);
    const s = await sniffSource(sourceFromBytes('categories.csv', bytes));
    expect(s.encoding).toBe('windows-1252');
    expect(s.rows).toEqual([['c1', 'café']]);
  });
});
