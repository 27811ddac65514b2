import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLoopbackJobLink } from '../../../test/jobLinks';
import { DEMO_RULES } from '../../labels';
import { DEFAULT_HYPERPARAMETERS } from '../../models/hyperparameters';
import { runLabelAudit } from '../../runs/audit';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, type TrainingSetup } from '../../runs/setup';
import { generateDemo } from '../../synthetic';
import { createJobSetup } from './jobData';
import { createFoldScorer, startJobWorkers } from './jobPool';

const world = generateDemo({ users: 500, seed: 11 });
const setup: TrainingSetup = {
  rules: DEMO_RULES,
  sampling: DEFAULT_SAMPLING,
  features: { ...DEFAULT_FEATURE_OPTIONS, months: 12, days: 30 },
};
const hyperparameters = { ...DEFAULT_HYPERPARAMETERS.shallow, hidden: 8, epochs: 3, dropout: 0.2 };
const jobSetup = createJobSetup({ store: world.store, kind: 'shallow', backend: 'cpu' });
const audit = (scoreFold?: Parameters<typeof runLabelAudit>[0]['scoreFold']) =>
  runLabelAudit({ store: world.store, setup, kind: 'shallow', hyperparameters, k: 3, scoreFold });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the label audit with its folds on job workers', () => {
  it('flags the users, with the scores, that the one-thread audit flags', async () => {
    const here = await audit();
    const links = [createLoopbackJobLink().link, createLoopbackJobLink().link];
    await startJobWorkers(links, jobSetup);
    const started: number[] = [];
    const pooled = await audit(createFoldScorer(links, (job) => started.push(job.fold)));
    expect(started).toEqual([0, 1, 2]);
    expect(here.flagged.length).toBeGreaterThan(0);
    expect(pooled.flagged.map((f) => [f.userId, f.label])).toEqual(
      here.flagged.map((f) => [f.userId, f.label]),
    );
    pooled.flagged.forEach((f, i) => expect(Math.abs(f.score - here.flagged[i].score)).toBeLessThan(1e-6));
    expect(pooled.noiseRate.positive).toBeCloseTo(here.noiseRate.positive, 6);
    expect(pooled.thresholds.negative).toBeCloseTo(here.thresholds.negative, 6);
  }, 60_000);

  it('fails the audit with the worker’s reason when a worker dies under a fold, without hanging', async () => {
    // whichever worker is handed fold 2 dies
    const links = [
      createLoopbackJobLink({ dieAtFold: 1 }).link,
      createLoopbackJobLink({ dieAtFold: 1 }).link,
    ];
    await startJobWorkers(links, jobSetup);
    await expect(audit(createFoldScorer(links))).rejects.toThrow(
      'Fold 2 of 3 could not finish on its worker: the worker thread exited (code 1)',
    );
  }, 60_000);
});
