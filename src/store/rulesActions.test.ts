import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../core/labels';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import { resetLabStore, useLab } from './index';
import {
  changeRuleCondition,
  exportRulesJson,
  getTrainingSetup,
  importRulesText,
  openRules,
  setFeatures,
} from './rulesActions';

let lab: InProcessLab;

beforeEach(() => {
  resetLabStore();
  lab = createInProcessLab();
});
afterEach(() => lab.close());

async function loadDemo(): Promise<void> {
  const dataset = await lab.client.request('data/demo', { users: 400, seed: 5 });
  useLab.setState({ dataset, dataStatus: 'ready' });
}

async function evaluated(): Promise<void> {
  const start = Date.now();
  while (useLab.getState().evaluating || !useLab.getState().evaluation) {
    if (Date.now() - start > 10_000) throw new Error('no evaluation within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('rules actions', () => {
  it('evaluate the rules in the worker when the screen opens and again after an edit', async () => {
    await loadDemo();
    await openRules(lab.client);
    await evaluated();
    const first = useLab.getState().evaluation!;
    expect(first.counts.users).toBe(400);
    expect(useLab.getState().catalog?.categories.length).toBeGreaterThan(100);

    const key = useLab.getState().rulesDraft.positive.conditions[0].key;
    changeRuleCondition('positive', key, { min: 1 });
    expect(useLab.getState().evaluating).toBe(true);
    await evaluated();
    const second = useLab.getState().evaluation!;
    expect(second.counts.positive + second.counts.conflict).toBeGreaterThan(
      first.counts.positive + first.counts.conflict,
    );
  });

  it('hand the Train screen the rules, settings and counts, blocked until a side labels someone', async () => {
    expect(getTrainingSetup().ready).toBe(false);
    await loadDemo();
    await openRules(lab.client);
    await evaluated();
    setFeatures({ maskRuleCategories: true });
    await evaluated();
    const setup = getTrainingSetup();
    expect(setup.rules).toEqual(DEMO_RULES);
    expect(setup.featureOptions.maskedCategories).toEqual([
      'maternity care',
      'maternity wear',
      'high heels',
      'cosmetics',
    ]);
    expect(setup.counts).toEqual(useLab.getState().evaluation!.counts);
    expect(setup.ready).toBe(setup.blockers.length === 0);

    const key = useLab.getState().rulesDraft.negative.conditions[0].key;
    changeRuleCondition('negative', key, { min: 1_000_000 });
    await evaluated();
    const blocked = getTrainingSetup();
    expect(blocked.ready).toBe(false);
    expect(blocked.blockers.join(' ')).toContain('No user is labelled negative');
  });

  it('import valid rules, and keep the current ones with the reason when a file is not usable', () => {
    expect(importRulesText('{ nope', 'a.json')).toBe(false);
    expect(useLab.getState().rulesError).toMatch(
      /^a\.json is not valid JSON .* The current rules are unchanged\.$/,
    );
    expect(importRulesText(JSON.stringify({ positive: {} }), 'b.json')).toBe(false);
    expect(useLab.getState().rulesError).toContain('rules.positive.conditions must be an array');
    expect(JSON.parse(exportRulesJson())).toEqual(DEMO_RULES);

    const rules = { ...DEMO_RULES, onConflict: 'negative', asOf: '2026-01-01' };
    expect(importRulesText(JSON.stringify(rules), 'c.json')).toBe(true);
    expect(useLab.getState().rulesNotice).toBe('Imported the rules from c.json.');
    expect(JSON.parse(exportRulesJson())).toEqual(rules);
  });
});
