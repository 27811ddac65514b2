import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../../../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { createInProcessLab } from '../../inProcessClient';
import type { AuditRequest } from '../../protocol/auditMessages';

const lab = createInProcessLab();
afterAll(() => lab.close());

const request: AuditRequest = {
  kind: 'shallow',
  hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, hidden: 4, epochs: 1 },
  backend: 'cpu',
  setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
  k: 2,
  maskRuleCategories: true,
};

describe('the audit handler and the Workers setting', () => {
  beforeAll(async () => {
    await lab.client.request('data/demo', { users: 300, seed: 3 });
  });

  it('trains the folds here with one worker, and refuses a worker count it cannot use', async () => {
    const view = await lab.client.request('audit/labels', { ...request, workers: 1 });
    expect(view.k).toBe(2);
    expect(view.audit.labelled.positive).toBeGreaterThan(0);
    await expect(lab.client.request('audit/labels', { ...request, workers: 0 })).rejects.toThrow(
      'The audit cannot start: workers must be a whole number from 1 to 8, got 0.',
    );
  });
});
