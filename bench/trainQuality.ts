// Learning quality on the demo data: each variant trained with the fast path (and, with --stock, the stock layers
// baseline on the same users, epochs and seed), validation accuracy and ROC AUC side by side.
// Run: npx tsx bench/trainQuality.ts [--users 10000] [--epochs 3] [--stock] [--models lstm,dual] [--json]

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initBackend } from '../src/core/backend';
import { computeRocAuc } from '../src/core/evaluation';
import { buildFeatureSpec, createBatchBuilder } from '../src/core/features';
import { evaluateRules, DEMO_RULES, LABEL, splitTrainValidation } from '../src/core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../src/core/models';
import type { ModelKind } from '../src/core/models';
import { generateDemo } from '../src/core/synthetic';
import { trainModel } from '../src/core/training';
import type { TrainingImpl } from '../src/core/training';

export interface QualityRow {
  model: ModelKind;
  impl: TrainingImpl;
  epochs: number;
  trainUsers: number;
  valAccuracy: number;
  valAuc: number;
  seconds: number;
  samplesPerSec: number;
}

function labelledUsers(labels: Uint8Array) {
  const users: number[] = [];
  const y: number[] = [];
  labels.forEach((l, u) => {
    if (l === LABEL.positive || l === LABEL.negative) {
      users.push(u);
      y.push(l === LABEL.positive ? 1 : 0);
    }
  });
  return { users: Int32Array.from(users), labels: Float32Array.from(y) };
}

export async function runTrainQuality(options: {
  users: number;
  epochs: number;
  stock: boolean;
  models: ModelKind[];
  seed?: number;
  log?: (s: string) => void;
}): Promise<QualityRow[]> {
  const { log = () => {}, seed = 7 } = options;
  const world = generateDemo({ users: options.users, seed });
  const labelled = labelledUsers(evaluateRules(world.store, DEMO_RULES).labels);
  const split = splitTrainValidation(labelled.users, labelled.labels, { validationFraction: 0.2, seed });
  const spec = buildFeatureSpec(world.store);
  const builder = createBatchBuilder(world.store, spec);
  const dims = { width: builder.width, months: spec.months, days: spec.days };
  log(`demo: ${options.users} users, ${labelled.users.length} labelled, width ${builder.width}`);
  const rows: QualityRow[] = [];
  for (const model of options.models) {
    for (const impl of (options.stock ? ['fast', 'stock'] : ['fast']) as TrainingImpl[]) {
      const hp = {
        ...DEFAULT_HYPERPARAMETERS[model],
        epochs: options.epochs,
        patience: 0,
        ...(impl === 'stock' ? { projection: 0 } : {}),
      };
      const result = await trainModel({
        kind: model,
        hyperparameters: hp,
        ...dims,
        buildBatch: (u, l) => builder.build(u, l),
        ...split,
        impl,
      });
      const last = result.epochs.at(-1)!;
      const row: QualityRow = {
        model,
        impl,
        epochs: result.epochs.length,
        trainUsers: split.train.users.length,
        valAccuracy: last.valAccuracy,
        valAuc: computeRocAuc(result.validationScores, split.validation.labels),
        seconds: result.durationMs / 1000,
        samplesPerSec: result.samplesPerSec,
      };
      result.model.dispose();
      rows.push(row);
      log(
        `${model} ${impl}: val acc ${row.valAccuracy.toFixed(4)}, AUC ${row.valAuc.toFixed(4)}, ${row.seconds.toFixed(1)} s, ${row.samplesPerSec.toFixed(0)} samples/s (${result.status})`,
      );
    }
  }
  return rows;
}

async function main() {
  const argv = process.argv.slice(2);
  const value = (flag: string, fallback: string) =>
    argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : fallback;
  const require = createRequire(import.meta.url);
  const wasmPaths =
    join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  await initBackend(value('--backend', 'wasm') as 'wasm' | 'cpu', { wasmPaths });
  const rows = await runTrainQuality({
    users: Number(value('--users', '10000')),
    epochs: Number(value('--epochs', '3')),
    stock: argv.includes('--stock'),
    models: value('--models', 'shallow,lstm,dual').split(',') as ModelKind[],
    log: (s) => process.stderr.write(`${s}\n`),
  });
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows)}\n`);
}

if (process.argv[1]?.endsWith('trainQuality.ts')) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
