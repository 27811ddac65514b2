// Plain run records and epoch logs for the run-storage and compare tests.

import type { EpochLog, RunRecord } from '../core/runs';

export function makeRecord(id: string, change: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    name: `run ${id}`,
    kind: 'shallow',
    hyperparameters: {
      hidden: 8,
      fcUnits: 8,
      dropout: 0.2,
      l2: 0.001,
      learningRate: 0.01,
      batchSize: 16,
      epochs: 2,
      validationFraction: 0.2,
      patience: 0,
      seed: 1,
    },
    featureSpec: {
      version: 1,
      vocabulary: ['c1', 'c2'],
      vocabularyNames: ['maternity wear', 'shoes'],
      otherBucket: false,
      months: 3,
      days: 5,
      transform: 'log1p',
      asOf: 'latest',
      maskedCategories: [],
    },
    rules: {
      positive: { match: 'any', conditions: [] },
      negative: { match: 'any', conditions: [] },
      onConflict: 'drop',
    },
    backend: 'cpu',
    renderer: null,
    status: 'done',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
    paramCount: 10,
    epochs: [],
    batches: [],
    validation: null,
    message: null,
    dataFingerprint: 'f',
    evaluation: null,
    ...change,
  };
}

export function makeEpochLog(epoch: number): EpochLog {
  return {
    epoch,
    loss: 0.5,
    accuracy: 0.8,
    valLoss: 0.6,
    valAccuracy: 0.7,
    elapsed: epoch + 1,
    samplesPerSec: 100,
  };
}
