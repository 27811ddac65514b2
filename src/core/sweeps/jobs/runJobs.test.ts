import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLoopbackJobLink } from '../../../test/jobLinks';
import { DEMO_RULES } from '../../labels';
import { DEFAULT_HYPERPARAMETERS } from '../../models/hyperparameters';
import { runExperiment } from '../../runs/experiment';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING, type TrainingSetup } from '../../runs/setup';
import type { RunGroupTag } from '../../runRecord/types';
import { generateDemo } from '../../synthetic';
import { runGroupOnJobWorkers, type RunJobOutcome } from './groupPool';
import { createInProcessJobLink } from './inProcessLink';
import { createJobSetup } from './jobData';
import { startJobWorkers } from './jobPool';
import { prepareRunData, type RunJob, type RunJobProgress } from './runJob';
import type { JobLink } from './types';

const world = generateDemo({ users: 400, seed: 5 });
const setup: TrainingSetup = {
  rules: DEMO_RULES,
  sampling: DEFAULT_SAMPLING,
  features: { ...DEFAULT_FEATURE_OPTIONS, months: 6, days: 14 },
};
// dropout on, so each run's seeded mask stream is part of what must match
const base = {
  ...DEFAULT_HYPERPARAMETERS.lstm,
  epochs: 2,
  patience: 0,
  batchSize: 32,
  projection: 8,
  hidden: 6,
};
const jobSetup = createJobSetup({ store: world.store, kind: 'lstm', backend: 'cpu' });

/** k runs of one group, as the store's repeatedRuns makes them: seeds differ, or the fold each validates on. */
function group(mode: RunGroupTag['mode'], k: number): RunJob[] {
  return Array.from({ length: k }, (_, index) => ({
    runId: `run-${mode}-${index}`,
    name: `LSTM ${index + 1}`,
    kind: 'lstm' as const,
    hyperparameters: { ...base, dropout: 0.2, seed: base.seed + (mode === 'seeds' ? index : 0) },
    setup,
    group: { id: `g-${mode}`, mode, index, of: k },
    renderer: null,
  }));
}

/** The normal path: the lab worker's trainRun on one worker is runExperiment on prepareRunData's split. */
async function oneAfterAnother(jobs: RunJob[]) {
  const out = [];
  for (const job of jobs) {
    const result = await runExperiment({
      id: job.runId,
      name: job.name,
      store: world.store,
      truth: null,
      setup,
      prepared: prepareRunData(world.store, job),
      kind: 'lstm',
      hyperparameters: job.hyperparameters,
      backend: 'cpu',
      renderer: null,
      workers: 1,
    });
    const weights = result.model.getWeights().map((w) => w.dataSync().slice());
    result.model.dispose();
    out.push({ record: result.record, weights });
  }
  return out;
}

async function onJobWorkers(jobs: RunJob[], links: JobLink[]) {
  await startJobWorkers(links, jobSetup);
  const outcomes = new Map<string, RunJobOutcome>();
  const progress = new Map<string, RunJobProgress['type'][]>();
  const started: string[] = [];
  let training = 0;
  let most = 0;
  await runGroupOnJobWorkers({
    jobs,
    links,
    onStart: (job) => {
      started.push(job.runId);
      most = Math.max(most, ++training);
    },
    onProgress: (job, p) => progress.set(job.runId, [...(progress.get(job.runId) ?? []), p.type]),
    onDone: (job, outcome) => {
      if (outcome.status !== 'not started') training--;
      outcomes.set(job.runId, outcome);
    },
  });
  links.forEach((link) => link.dispose());
  return { outcomes, progress, started, most };
}

function expectSameRuns(
  here: Awaited<ReturnType<typeof oneAfterAnother>>,
  jobs: RunJob[],
  outcomes: Map<string, RunJobOutcome>,
) {
  jobs.forEach((job, i) => {
    const outcome = outcomes.get(job.runId);
    if (outcome?.status !== 'finished')
      throw new Error(`${job.name} did not finish: ${JSON.stringify(outcome)}`);
    const { record, weights, validationScores } = outcome.result;
    const want = here[i].record;
    expect(record.status).toBe('done');
    expect(record.epochs).toHaveLength(2);
    expect(Math.abs(record.validation!.rocAuc - want.validation!.rocAuc)).toBeLessThan(1e-6);
    record.epochs.forEach((e, n) => {
      expect(Math.abs(e.loss - want.epochs[n].loss)).toBeLessThan(1e-6);
      expect(Math.abs(e.valLoss - want.epochs[n].valLoss)).toBeLessThan(1e-6);
    });
    expect(record.paramCount).toBe(want.paramCount);
    expect(record.evaluation?.doctored).toEqual(want.evaluation?.doctored);
    expect(validationScores).toHaveLength(prepareRunData(world.store, job).validation.users.length);
    expect(weights.map((w) => w.values.length)).toEqual(here[i].weights.map((w) => w.length));
    weights.forEach((w, n) =>
      w.values.forEach((v, j) => expect(Math.abs(v - here[i].weights[n][j])).toBeLessThan(1e-6)),
    );
  });
  // the runs did learn differently from each other, so the equality above is not vacuous
  expect(new Set(here.map((r) => r.record.epochs[0].loss)).size).toBe(here.length);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a group of Train-screen runs on job workers', () => {
  it('gives 3 seed repeats on 2 workers the records and weights of the runs trained one after another', async () => {
    const jobs = group('seeds', 3);
    const here = await oneAfterAnother(jobs);
    const pooled = await onJobWorkers(jobs, [createInProcessJobLink(), createInProcessJobLink()]);
    expectSameRuns(here, jobs, pooled.outcomes);
    expect(pooled.started).toEqual(jobs.map((j) => j.runId));
    // two side by side, then the third
    expect(pooled.most).toBe(2);
    const heard = pooled.progress.get(jobs[0].runId)!;
    expect(heard.filter((t) => t === 'epoch')).toHaveLength(2);
    expect(heard).toContain('batches');
    expect(heard).toContain('phase');
  }, 120_000);

  it('gives a 3-fold group, through the message protocol, each fold’s own validation and the normal result', async () => {
    const jobs = group('folds', 3);
    const here = await oneAfterAnother(jobs);
    const pooled = await onJobWorkers(jobs, [createLoopbackJobLink().link, createLoopbackJobLink().link]);
    expectSameRuns(here, jobs, pooled.outcomes);
    // each fold validates on other users
    const sizes = jobs.map((job) => prepareRunData(world.store, job).validation.users[0]);
    expect(new Set(sizes).size).toBe(3);
  }, 120_000);

  it('hands each epoch a checkpoint that resumes the run exactly', async () => {
    const [job] = group('seeds', 1);
    const epochs: Extract<RunJobProgress, { type: 'epoch' }>[] = [];
    const link = createLoopbackJobLink().link;
    await startJobWorkers([link], jobSetup);
    const result = await link.trainRun(job, (p) => p.type === 'epoch' && epochs.push(p));
    link.dispose();
    expect(epochs.map((e) => e.checkpoint.epochsDone)).toEqual([1, 2]);
    expect(epochs[1].log.valLoss).toBe(result.record.epochs[1].valLoss);
    const resumed = await runExperiment({
      id: job.runId,
      name: job.name,
      store: world.store,
      truth: null,
      setup,
      prepared: prepareRunData(world.store, job),
      kind: 'lstm',
      hyperparameters: job.hyperparameters,
      backend: 'cpu',
      renderer: null,
      resumeFrom: epochs[0].checkpoint,
    });
    resumed.model.dispose();
    expect(resumed.record.epochs[1].valLoss).toBeCloseTo(result.record.epochs[1].valLoss, 6);
  }, 120_000);

  it('fails only the run whose worker dies, naming it, and the other worker trains the rest without hanging', async () => {
    const jobs = group('seeds', 3);
    const dying = createLoopbackJobLink({ dieAtRun: jobs[1].runId });
    const { outcomes } = await onJobWorkers(jobs, [createLoopbackJobLink().link, dying.link]);
    expect(outcomes.get(jobs[1].runId)).toEqual({
      status: 'failed',
      message: 'LSTM 2 could not finish on its job worker: the worker thread exited (code 1)',
    });
    expect(outcomes.get(jobs[0].runId)?.status).toBe('finished');
    expect(outcomes.get(jobs[2].runId)?.status).toBe('finished');
    expect(dying.ended()).toBe(true);
  }, 120_000);

  it('stops a run after its current batch keeping what it learned, and leaves out a run stopped while it waits', async () => {
    const jobs = group('seeds', 3).map((j) => ({
      ...j,
      hyperparameters: { ...j.hyperparameters, epochs: 5 },
    }));
    const links = [createLoopbackJobLink().link];
    await startJobWorkers(links, jobSetup);
    const outcomes = new Map<string, RunJobOutcome>();
    const skipped = new Set([jobs[2].runId]);
    await runGroupOnJobWorkers({
      jobs,
      links,
      shouldSkip: (job) => skipped.has(job.runId),
      onProgress: (job, p) => {
        if (job.runId === jobs[0].runId && p.type === 'epoch') links[0].stopRun(job.runId);
      },
      onDone: (job, outcome) => void outcomes.set(job.runId, outcome),
    });
    links[0].dispose();
    const first = outcomes.get(jobs[0].runId);
    expect(first?.status === 'finished' && first.result.record.status).toBe('stopped');
    // stopped during epoch 2: epoch 1 is kept, the weights are what it learned
    expect(first?.status === 'finished' && first.result.record.epochs.length).toBe(1);
    const second = outcomes.get(jobs[1].runId);
    expect(second?.status === 'finished' && second.result.record.epochs.length).toBe(5);
    expect(outcomes.get(jobs[2].runId)).toEqual({
      status: 'not started',
      message: 'Stopped before it started.',
    });
  }, 120_000);
});
