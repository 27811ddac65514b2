import { describe, expect, it } from 'vitest';
import { importDataset } from './importDataset';
import { appendToDataset } from './appendDataset';
import { sourceFromText } from './source';

const file = (name: string, lines: string[]) => ({
  source: sourceFromText(name, ['user_id,category_id,category_code,time,action', ...lines].join('\n')),
});

describe('many files, one dataset', () => {
  it('counts an event held by two files once, but keeps a real repeat within one file', async () => {
    const a = file('a.csv', ['u1,10,kids.toys,2024-03-02,buy', 'u1,10,kids.toys,2024-03-02,buy']);
    const b = file('b.csv', [
      'u1,10,kids.toys,2024-03-02,buy',
      'u1,10,kids.toys,2024-03-02,buy',
      'u1,10,kids.toys,2024-03-02,buy',
      'u2,11,kids.books,2024-03-02,buy',
    ]);
    const { dataset, report } = await importDataset([a, b]);
    // a holds the event twice, b three times: three purchases happened, two of b's rows repeat a's.
    expect(dataset!.store.category.length).toBe(4);
    expect(report.duplicates).toMatchObject({ count: 2, dropped: true });
    expect(report.actions).toEqual({ purchase: 4, click: 0 });
    expect(report.duplicates?.examples[0]).toEqual({
      user: 'u1',
      category: '10',
      date: '2024-03-02',
      file: 'b.csv',
    });
    expect(dataset!.store.categoryNames).toEqual(['kids.toys', 'kids.books']);
  });

  it('adds files to a loaded dataset, joining on the same user and category ids and keeping its names', async () => {
    const first = await importDataset([file('oct.csv', ['u1,10,kids.toys,2024-10-02,buy'])]);
    const next = await appendToDataset(first.dataset!, [
      file('nov.csv', [
        'u1,10,,2024-11-02,buy',
        'u2,12,maternity.care,2024-11-03,pv',
        'u1,10,kids.toys,2024-10-02,buy',
      ]),
    ]);
    const store = next.dataset!.store;
    expect(store.userIds).toEqual(['u1', 'u2']);
    expect(store.categoryIds).toEqual(['10', '12']);
    expect(store.categoryNames).toEqual(['kids.toys', 'maternity.care']);
    expect(Array.from(store.userStart)).toEqual([0, 2, 3]);
    expect(next.report.events).toBe(3);
    expect(next.report.duplicates?.examples[0]).toMatchObject({ file: 'nov.csv' });
    expect(first.dataset!.store.category.length).toBe(1);
  });
});
