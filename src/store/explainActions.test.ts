import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../core/runs';
import { createInProcessLab } from '../worker/inProcessClient';
import {
  cancelExplainUser,
  cancelPopulation,
  closeComparedExplanation,
  explainTaggedUsers,
  explainUserById,
  explainUserFrom,
  isExplainedFrom,
} from './explainActions';
import { resetLabStore, useLab } from './index';

const lab = createInProcessLab();
let topUser = '';

beforeAll(async () => {
  await lab.client.request('data/demo', { users: 300, seed: 9 });
  await lab.client.request('train/run', {
    runId: 'r1',
    name: 'shallow #1',
    kind: 'shallow',
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, epochs: 1 },
    backend: 'cpu',
    setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
  });
  const scored = await lab.client.request('export/score', { runId: 'r1', threshold: 0.5, backend: 'cpu' });
  topUser = scored.top[0].userId;
});
beforeEach(() => resetLabStore());
afterAll(() => lab.close());

describe('explain actions', () => {
  it('puts the asked id in the search box and the explanation in the store', async () => {
    await explainUserById('r1', ` ${topUser} `, lab.client);
    const s = useLab.getState();
    expect(s.explainQuery).toBe(topUser);
    expect(s.explaining).toBeNull();
    expect(s.explainError).toBeNull();
    expect(s.explanation?.userId).toBe(topUser);
  });

  it('keeps only the newest answer when two users are asked in a row', async () => {
    const first = explainUserById('r1', topUser, lab.client);
    const second = explainUserById('r1', 'nobody', lab.client);
    await Promise.all([first, second]);
    const s = useLab.getState();
    expect(s.explanation).toBeNull();
    expect(s.explainError).toContain('"nobody" is not in the loaded dataset');
  });

  it('Cancel stops the explanation of one user and keeps the one shown before', async () => {
    await explainUserById('r1', topUser, lab.client);
    const before = useLab.getState().explanation;
    const pending = explainUserById('r1', topUser, lab.client);
    expect(useLab.getState().explaining?.userId).toBe(topUser);
    cancelExplainUser();
    await pending;
    const s = useLab.getState();
    expect(s.explaining).toBeNull();
    expect(s.explainError).toBeNull();
    expect(s.explanation).toBe(before);
  });

  it('a "Why?" on the Compare screen remembers its panel, until closed or asked from the Export screen', async () => {
    await explainUserFrom('audit', 'r1', topUser, lab.client);
    let s = useLab.getState();
    expect(s.explainOrigin).toBe('audit');
    expect(s.explanation?.userId).toBe(topUser);
    expect(s.explanation?.runId).toBe('r1');
    const truth = explainUserFrom('truth', 'r1', topUser, lab.client);
    expect(useLab.getState().explainOrigin).toBe('truth');
    await truth;
    closeComparedExplanation();
    s = useLab.getState();
    expect(s.explainOrigin).toBeNull();
    expect(s.explanation?.userId).toBe(topUser);
    await explainUserFrom('audit', 'r1', topUser, lab.client);
    // the audit row of that user shows it, no other row, nor the truth panel
    expect(isExplainedFrom(useLab.getState(), 'audit', topUser)).toBe(true);
    expect(isExplainedFrom(useLab.getState(), 'audit', 'someone else')).toBe(false);
    expect(isExplainedFrom(useLab.getState(), 'truth')).toBe(false);
    await explainUserFrom('audit', 'r1', 'nobody', lab.client);
    // a failure belongs to the id that failed, not to the user explained before
    expect(isExplainedFrom(useLab.getState(), 'audit', 'nobody')).toBe(true);
    expect(isExplainedFrom(useLab.getState(), 'audit', topUser)).toBe(false);
    await explainUserById('r1', topUser, lab.client);
    expect(useLab.getState().explainOrigin).toBeNull();
    expect(isExplainedFrom(useLab.getState(), 'audit')).toBe(false);
  });

  it('asks for an id instead of sending an empty one', async () => {
    await explainUserById('r1', '  ', lab.client);
    expect(useLab.getState().explainError).toBe('Type a user id.');
  });

  it('explains the tagged users at the threshold, and Cancel says so', async () => {
    useLab.setState({ threshold: 0.5 });
    await explainTaggedUsers('r1', lab.client);
    expect(useLab.getState().population?.threshold).toBe(0.5);
    expect(useLab.getState().populations.r1).toBe(useLab.getState().population);
    expect(useLab.getState().populationProgress).toBeNull();

    useLab.setState({ threshold: 0 });
    const pending = explainTaggedUsers('r1', lab.client);
    cancelPopulation();
    await pending;
    expect(useLab.getState().populationError).toBe('Cancelled.');
    expect(useLab.getState().population?.threshold).toBe(0.5);
  });
});
