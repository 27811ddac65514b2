// What this browser keeps between visits: the rules with their sampling and feature settings, and the Train
// screen's settings. zustand's persist middleware does the saving (one key, one version); this file says what is
// saved, how an older save migrates, and how a save that cannot be read becomes defaults with a notice (its text
// kept under a second key) instead of a silent reset. Every value is validated on the way in.

import type { PersistOptions, PersistStorage, StorageValue } from 'zustand/middleware';
import type { RuleSet } from '../core/labels';
import { describeError } from '../core/errors';
import type { LabState } from './index';
import { draftFromRuleSet, ruleSetFromDraft, type RulesDraft } from './rulesDraft';
import { readSavedRules, type FeatureSettings, type SamplingSettings } from './rulesSettings';
import { readTrainSettings, type TrainSettings } from './trainSettings';

export const SETTINGS_KEY = 'tag-lab.settings';
/** 1: the two keys of the first version (rules, train); 2: one key for both. */
export const SETTINGS_VERSION = 2;
/** Where the text of a save that could not be read is kept, so nothing is lost when defaults are written over it. */
export const UNREADABLE_KEY = `${SETTINGS_KEY}.unreadable`;
const LEGACY_KEYS = { rules: 'tag-lab.rules.v1', train: 'tag-lab.train.v1' } as const;

export interface SavedSettings {
  rules: RuleSet;
  sampling: SamplingSettings;
  features: FeatureSettings;
  trainSettings: TrainSettings;
}

/** What getItem hands on for a save it could not read; merge turns it into the defaults and a notice. */
interface UnreadableSave {
  unreadable: string;
}

type Persisted = SavedSettings | UnreadableSave;

/** The part of the store's state that is saved. */
type SettingsState = Pick<LabState, 'rulesDraft' | 'sampling' | 'features' | 'trainSettings'>;

/** The subset of the Web Storage API used here (localStorage in the page, a Map in tests). */
export type TextStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isUnreadable(value: unknown): value is UnreadableSave {
  return typeof value === 'object' && value !== null && 'unreadable' in value;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The first version's two keys as one version-1 value; null when neither was written. */
function readLegacy(texts: TextStorage): StorageValue<Persisted> | null {
  const rules = texts.getItem(LEGACY_KEYS.rules);
  const train = texts.getItem(LEGACY_KEYS.train);
  if (rules === null && train === null) return null;
  return {
    state: {
      rules: rules === null ? null : parseObject(rules),
      train: train === null ? null : parseObject(train),
    },
    version: 1,
  } as unknown as StorageValue<Persisted>;
}

/**
 * Reads and writes the saved settings as JSON text. A save that is not JSON, or carries a version this build cannot
 * migrate, is copied to UNREADABLE_KEY and handed on as an UnreadableSave. Failures to write are reported once
 * (until a write succeeds again), never thrown into the store's setState.
 */
function createSettingsStorage(
  backend: () => TextStorage | undefined,
  onWriteFailed: (message: string) => void,
): PersistStorage<Persisted> {
  let lastWritten: string | null = null;
  let failing = false;
  const unreadable = (texts: TextStorage, text: string, why: string): StorageValue<Persisted> => {
    try {
      texts.setItem(UNREADABLE_KEY, text);
    } catch {
      // the notice still says the settings were reset; the copy is a courtesy
    }
    return { state: { unreadable: why }, version: SETTINGS_VERSION };
  };
  return {
    getItem(name) {
      const texts = backend();
      if (!texts) return null;
      let text: string | null;
      try {
        text = texts.getItem(name);
        if (text === null) return readLegacy(texts);
      } catch (error) {
        return {
          state: { unreadable: `the browser refused to read them: ${describeError(error)}` },
          version: SETTINGS_VERSION,
        };
      }
      lastWritten = text;
      const root = parseObject(text);
      if (!root) return unreadable(texts, text, 'they are not valid JSON');
      const { version } = root;
      if (
        typeof version !== 'number' ||
        !Number.isInteger(version) ||
        version < 1 ||
        version > SETTINGS_VERSION
      )
        return unreadable(
          texts,
          text,
          `they carry version ${String(version)}, which this version of Tag Lab cannot read`,
        );
      return { state: root.state as Persisted, version };
    },
    setItem(name, value) {
      const text = JSON.stringify(value);
      if (text === lastWritten) return;
      try {
        backend()?.setItem(name, text);
        lastWritten = text;
        failing = false;
      } catch (error) {
        if (failing) return;
        failing = true;
        onWriteFailed(
          `Could not save the settings in this browser (${describeError(error)}): changes last until this page is closed.`,
        );
      }
    },
    removeItem(name) {
      backend()?.removeItem(name);
    },
  };
}

/** Version 1 kept the rules (with sampling and features) and the train settings under two keys. */
function migrateSettings(state: unknown, version: number): Persisted {
  if (version !== 1) return { unreadable: `they carry version ${version}, which has no migration` };
  const { rules, train } = (state ?? {}) as { rules?: Record<string, unknown>; train?: unknown };
  return {
    rules: rules?.rules,
    sampling: rules?.sampling,
    features: rules?.features,
    trainSettings: train,
  } as SavedSettings;
}

/** Saved values into the store, each validated; a save that could not be read gives the defaults and a notice. */
function mergeSettings(persisted: unknown, current: LabState): LabState {
  if (persisted === undefined || persisted === null) return current;
  if (isUnreadable(persisted))
    return {
      ...current,
      settingsNotice: `The settings saved in this browser could not be read (${persisted.unreadable}), so the preset rules and default settings are shown. The old text is kept under "${UNREADABLE_KEY}" in this site's storage.`,
    };
  const root = persisted as Partial<Record<keyof SavedSettings, unknown>>;
  const { saved, notice } = readSavedRules(root);
  return {
    ...current,
    rulesDraft: draftFromRuleSet(saved.rules),
    sampling: saved.sampling,
    features: saved.features,
    rulesNotice: notice,
    trainSettings: readTrainSettings(root.trainSettings),
  };
}

/** The rule set of a draft, computed once per draft (persist asks after every change to the store). */
const rulesOfDraft = new WeakMap<RulesDraft, RuleSet>();

function partialize(state: SettingsState): Persisted {
  let rules = rulesOfDraft.get(state.rulesDraft);
  if (!rules) rulesOfDraft.set(state.rulesDraft, (rules = ruleSetFromDraft(state.rulesDraft)));
  return { rules, sampling: state.sampling, features: state.features, trainSettings: state.trainSettings };
}

function browserStorage(): TextStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // reading window.localStorage itself throws where site data is blocked
    return undefined;
  }
}

/** The persist options of the lab's store; `report` shows a notice (writes that fail). */
export function settingsPersistOptions(
  report: (notice: string) => void,
  backend: () => TextStorage | undefined = browserStorage,
): PersistOptions<LabState, Persisted> {
  return {
    name: SETTINGS_KEY,
    version: SETTINGS_VERSION,
    storage: createSettingsStorage(backend, report),
    partialize,
    migrate: migrateSettings,
    merge: mergeSettings,
  };
}
