import { describe, expect, it } from 'vitest';
import { PRESET_NEGATIVE_CATEGORIES, PRESET_POSITIVE_CATEGORIES, STREAMS, buildCatalogue } from './catalogue';

describe('the demo catalogue', () => {
  const { categories, streamMembers, streamCumulative } = buildCatalogue();

  it('has at least 200 categories with unique Taobao-like numeric ids and unique names', () => {
    expect(categories.length).toBeGreaterThanOrEqual(200);
    expect(new Set(categories.map((c) => c.id)).size).toBe(categories.length);
    expect(new Set(categories.map((c) => c.name)).size).toBe(categories.length);
    for (const c of categories) expect(c.id).toMatch(/^[1-9]\d{4}$/);
  });

  it('holds the rule categories and the pregnancy and baby categories the rules do not name', () => {
    const group = new Map(categories.map((c) => [c.name, c.group]));
    for (const name of PRESET_POSITIVE_CATEGORIES) expect(group.get(name)).toBe('maternity');
    for (const name of PRESET_NEGATIVE_CATEGORIES) expect(group.get(name)).toBe('women');
    for (const name of ['prenatal vitamins', 'folic acid', 'pregnancy pillow', 'pregnancy test'])
      expect(group.get(name)).toBe('pregnancy');
    for (const name of ['diapers', 'infant formula', 'strollers', 'baby clothes', 'baby bottles', 'crib'])
      expect(group.get(name)).toBe('baby');
    for (const name of ['groceries', 'mobile phones', 'novels']) expect(group.get(name)).toBe('everyday');
  });

  it('is the same on every call, so ids never move between seeds', () => {
    expect(buildCatalogue().categories).toEqual(categories);
    expect(categories[0]).toEqual({ id: '14231', name: 'maternity wear', group: 'maternity' });
  });

  it('gives every stream its members and cumulative popularity ending at 1', () => {
    expect(streamMembers).toHaveLength(STREAMS.length);
    const covered = new Set<number>();
    streamMembers.forEach((members, s) => {
      expect(streamCumulative[s]).toHaveLength(members.length);
      expect(streamCumulative[s][members.length - 1]).toBe(1);
      expect(streamCumulative[s][0]).toBeGreaterThan(1 / members.length);
      members.forEach((m) => covered.add(m));
    });
    expect(covered.size).toBe(categories.length);
  });
});
