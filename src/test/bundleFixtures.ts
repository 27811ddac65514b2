// A run record as a bundle carries it, for the bundle tests: an LSTM over 3 months of 4 categories plus the other
// bucket (inputs [3, 5]), trained with fixed settings. Test support only.

import type { RunRecord } from '../core/runRecord';

export function makeBundleRun(): RunRecord {
  return {
    id: 'run-1',
    name: 'lstm h16',
    kind: 'lstm',
    hyperparameters: {
      hidden: 16,
      fcUnits: 8,
      dropout: 0.2,
      l2: 0.001,
      learningRate: 0.01,
      batchSize: 32,
      epochs: 3,
      validationFraction: 0.2,
      patience: 0,
      seed: 42,
    },
    featureSpec: {
      version: 1,
      vocabulary: ['c1', 'c2', 'c3', 'c4'],
      vocabularyNames: ['maternity wear', 'toys', 'high heels', 'books'],
      otherBucket: true,
      months: 3,
      days: 7,
      transform: 'log1p',
      asOf: 'latest',
      maskedCategories: [],
    },
    rules: {
      positive: {
        match: 'any',
        conditions: [{ action: 'purchase', categories: ['maternity wear'], windowMonths: 12, min: 5 }],
      },
      negative: {
        match: 'any',
        conditions: [{ action: 'purchase', categories: ['high heels'], windowMonths: 12, min: 5 }],
      },
      onConflict: 'drop',
    },
    backend: 'cpu',
    renderer: null,
    status: 'done',
    startedAt: '2024-05-01T10:00:00.000Z',
    durationMs: 1234,
    paramCount: 500,
    epochs: [
      { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.7, elapsed: 1, samplesPerSec: 100 },
    ],
    batches: Array.from({ length: 5000 }, (_, i) => ({ epoch: 1, batch: i, loss: 0.5, accuracy: 0.8 })),
    validation: {
      threshold: 0.5,
      accuracy: 0.75,
      precision: 0.5,
      recall: 1,
      f1: 2 / 3,
      rocAuc: NaN,
      prAuc: 0.9,
      tp: 1,
      fp: 1,
      tn: 2,
      fn: 0,
      n: 4,
    },
    message: null,
    dataFingerprint: '10u-200e-2024-01-01..2024-04-30-0badc0de',
    evaluation: null,
  };
}
