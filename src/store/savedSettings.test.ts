import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import { DEMO_RULES } from '../core/labels';
import { createLabSlices, type LabState } from './index';
import { draftFromRuleSet, ruleSetFromDraft } from './rulesDraft';
import { DEFAULT_SAMPLING } from './rulesSettings';
import {
  SETTINGS_KEY,
  SETTINGS_VERSION,
  settingsPersistOptions,
  UNREADABLE_KEY,
  type TextStorage,
} from './savedSettings';
import { defaultTrainSettings } from './trainSettings';

/** Web Storage over a Map; `failWrites` makes every write throw as a full localStorage does. */
class MemoryStorage implements TextStorage {
  readonly items = new Map<string, string>();
  failWrites = false;
  failReads = false;
  getItem(key: string): string | null {
    if (this.failReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** A lab store as the page creates it, over the given storage; notices from failed writes are collected. */
function openLab(storage: MemoryStorage) {
  const reported: string[] = [];
  const store = create<LabState>()(
    persist(
      createLabSlices,
      settingsPersistOptions(
        (notice) => reported.push(notice),
        () => storage,
      ),
    ),
  );
  return { store, reported };
}

const rules = {
  ...DEMO_RULES,
  positive: {
    match: 'all' as const,
    conditions: [{ action: 'click' as const, categories: ['strollers'], windowMonths: 3, min: 2 }],
  },
};

describe('saved settings', () => {
  it('come back in a new page exactly as they were, under one versioned key', () => {
    const storage = new MemoryStorage();
    const first = openLab(storage).store;
    const trainSettings = { ...defaultTrainSettings(), kind: 'lstm' as const, backend: 'wasm' as const };
    first.setState({
      rulesDraft: draftFromRuleSet(rules),
      sampling: { ...DEFAULT_SAMPLING, maxSamples: 300 },
      trainSettings,
    });
    expect([...storage.items.keys()]).toEqual([SETTINGS_KEY]);
    expect(JSON.parse(storage.items.get(SETTINGS_KEY)!).version).toBe(SETTINGS_VERSION);

    const again = openLab(storage).store.getState();
    expect(ruleSetFromDraft(again.rulesDraft)).toEqual(rules);
    expect(again.sampling.maxSamples).toBe(300);
    expect(again.trainSettings).toEqual(trainSettings);
    expect(again.settingsNotice).toBeNull();
  });

  it('migrate the two keys of the first version, then save under the new key', () => {
    const storage = new MemoryStorage();
    const sampling = { balance: true, maxSamples: 40, seed: 3 };
    storage.items.set('tag-lab.rules.v1', JSON.stringify({ version: 1, rules, sampling }));
    const byKind = { ...DEFAULT_HYPERPARAMETERS, dual: { ...DEFAULT_HYPERPARAMETERS.dual, hidden: 12 } };
    storage.items.set(
      'tag-lab.train.v1',
      JSON.stringify({ version: 1, kind: 'dual', byKind, backend: 'cpu' }),
    );

    const state = openLab(storage).store.getState();
    expect(ruleSetFromDraft(state.rulesDraft)).toEqual(rules);
    expect(state.sampling).toEqual(sampling);
    // the first version had no workers setting: the migrated settings take the default for this machine
    const { workers } = defaultTrainSettings();
    expect(state.trainSettings).toEqual({ kind: 'dual', byKind, backend: 'cpu', workers });
    const saved = JSON.parse(storage.items.get(SETTINGS_KEY)!);
    expect(saved.version).toBe(SETTINGS_VERSION);
    expect(saved.state.trainSettings.byKind.dual.hidden).toBe(12);
  });

  it('that are not JSON give the defaults with a notice, and their text is kept', () => {
    const storage = new MemoryStorage();
    storage.items.set(SETTINGS_KEY, '{"state": {"rules"');
    const state = openLab(storage).store.getState();
    expect(ruleSetFromDraft(state.rulesDraft)).toEqual(DEMO_RULES);
    expect(state.trainSettings).toEqual(defaultTrainSettings());
    expect(state.settingsNotice).toContain('could not be read (they are not valid JSON)');
    expect(state.settingsNotice).toContain(UNREADABLE_KEY);
    expect(storage.items.get(UNREADABLE_KEY)).toBe('{"state": {"rules"');
  });

  it('from a version this build cannot migrate give the defaults with a notice, never silently', () => {
    const storage = new MemoryStorage();
    const newer = JSON.stringify({ state: { rules, trainSettings: { kind: 'lstm' } }, version: 9 });
    storage.items.set(SETTINGS_KEY, newer);
    const state = openLab(storage).store.getState();
    expect(ruleSetFromDraft(state.rulesDraft)).toEqual(DEMO_RULES);
    expect(state.trainSettings.kind).toBe('shallow');
    expect(state.settingsNotice).toContain('version 9');
    expect(storage.items.get(UNREADABLE_KEY)).toBe(newer);
  });

  it('whose rules are invalid keep the settings and show the preset rules with the reason', () => {
    const storage = new MemoryStorage();
    const state = { rules: { positive: { conditions: 'x' } }, trainSettings: { kind: 'lstm' } };
    storage.items.set(SETTINGS_KEY, JSON.stringify({ state, version: SETTINGS_VERSION }));
    const loaded = openLab(storage).store.getState();
    expect(ruleSetFromDraft(loaded.rulesDraft)).toEqual(DEMO_RULES);
    expect(loaded.rulesNotice).toContain('rules.positive.conditions must be an array');
    expect(loaded.trainSettings.kind).toBe('lstm');
  });

  it('that cannot be written (storage full) are reported once, and the page keeps the change', () => {
    const storage = new MemoryStorage();
    const { store, reported } = openLab(storage);
    storage.failWrites = true;
    store.setState({ sampling: { ...DEFAULT_SAMPLING, maxSamples: 10 } });
    store.setState({ sampling: { ...DEFAULT_SAMPLING, maxSamples: 20 } });
    expect(store.getState().sampling.maxSamples).toBe(20);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('Could not save the settings in this browser');
    expect(reported[0]).toContain('quota');
    storage.failWrites = false;
    store.setState({ sampling: { ...DEFAULT_SAMPLING, maxSamples: 30 } });
    expect(JSON.parse(storage.items.get(SETTINGS_KEY)!).state.sampling.maxSamples).toBe(30);
  });

  it('that the browser refuses to read give the defaults with a notice', () => {
    const storage = new MemoryStorage();
    storage.items.set(SETTINGS_KEY, JSON.stringify({ state: { rules }, version: SETTINGS_VERSION }));
    storage.failReads = true;
    const state = openLab(storage).store.getState();
    expect(ruleSetFromDraft(state.rulesDraft)).toEqual(DEMO_RULES);
    expect(state.settingsNotice).toContain('the browser refused to read them');
  });
});
