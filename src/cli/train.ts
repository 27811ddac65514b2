// `train FILE... --rules R.json --model shallow|lstm|dual [...] --out DIR [--json]`: trains one model in Node over
// the same core as the page, writes model.json + weights.bin + tag-lab.json + README.md and prints the metrics.
// It keeps a checkpoint in DIR/checkpoint after every epoch; `train --resume DIR [--epochs N]` continues from it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundleFiles, exportModelArtifacts, fingerprintData } from '../core/bundle';
import {
  runExperiment,
  DEFAULT_FEATURE_OPTIONS,
  DEFAULT_SAMPLING,
  prepareTrainingData,
  type TrainingSetup,
} from '../core/runs';
import type { RunRecord } from '../core/runs';
import type { TrainingImpl } from '../core/training';
import {
  InputError,
  UsageError,
  numberFlag,
  parseArgs,
  printJson,
  requireFlag,
  stringFlag,
  type ParsedArgs,
} from './args';
import type { Command } from './commands';
import { readRulesFile } from './label';
import { loadFiles } from './loadFiles';
import { startNodeBackend } from './nodeBackend';
import { describeValidation, summariseIntervals } from './trainIntervals';
import { summariseRecord } from './trainSummary';
import { HYPERPARAMETER_FLAGS, readHyperparameters, readKind } from './trainOptions';
import { unmatchedRuleEntries } from './ruleWarnings';
import { describeError } from '../core/errors';
import { readResume, writeCheckpoint, writeRunSettings } from './trainCheckpoint';

const FLAGS = {
  values: [
    'rules',
    'model',
    ...HYPERPARAMETER_FLAGS,
    'truth',
    'out',
    'backend',
    'impl',
    'top-k',
    'months',
    'days',
    'max-samples',
    'data-seed',
    'resume',
  ],
  switches: ['json', 'mask-rule-categories', 'balance', 'no-class-weights', 'quiet'],
};

function readSetup(args: ParsedArgs): TrainingSetup {
  const transform = 'log1p' as const;
  return {
    rules: readRulesFile(requireFlag(args, 'rules')),
    sampling: {
      ...DEFAULT_SAMPLING,
      balance: args.flags.has('balance'),
      classWeights: !args.flags.has('no-class-weights'),
      maxSamples: numberFlag(args, 'max-samples', 0),
      seed: numberFlag(args, 'data-seed', DEFAULT_SAMPLING.seed),
    },
    features: {
      ...DEFAULT_FEATURE_OPTIONS,
      topK: numberFlag(args, 'top-k', DEFAULT_FEATURE_OPTIONS.topK),
      months: numberFlag(args, 'months', DEFAULT_FEATURE_OPTIONS.months),
      days: numberFlag(args, 'days', DEFAULT_FEATURE_OPTIONS.days),
      transform,
      maskRuleCategories: args.flags.has('mask-rule-categories'),
    },
  };
}

function readImpl(args: ParsedArgs): TrainingImpl {
  const impl = stringFlag(args, 'impl') ?? 'fast';
  if (impl !== 'fast' && impl !== 'stock')
    throw new UsageError(`--impl must be fast or stock, got "${impl}"`);
  return impl;
}

async function writeRunFolder(
  dir: string,
  record: RunRecord,
  model: Parameters<typeof exportModelArtifacts>[0],
) {
  const { modelJson, weights } = await exportModelArtifacts(model);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of buildBundleFiles({ run: record, modelJson, weights }))
    writeFileSync(join(dir, name), bytes);
}

export const command: Command = {
  summary: 'Train one model variant and write its files',
  usage:
    '--resume DIR [--epochs N --backend --json --quiet] | FILE... --rules R.json --model shallow|lstm|dual [--epochs --hidden --fc --projection --dropout --l2 --lr --batch --seed --validation --patience --backend wasm|cpu --impl fast|stock --top-k --months --days --balance --no-class-weights --max-samples --data-seed --mask-rule-categories --truth T.csv] --out DIR [--json]',
  async run(argv) {
    const given = parseArgs(argv, FLAGS);
    const resumeDir = stringFlag(given, 'resume');
    // a resume reads the run's own files and settings from its folder (only --epochs and the output may change)
    const resume = resumeDir ? readResume(resumeDir, given) : null;
    const args = resume?.args ?? given;
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file');
    const kind = readKind(args);
    const out = requireFlag(args, 'out');
    const hp = readHyperparameters(args, kind);
    if (resume && hp.epochs < resume.checkpoint.epochsDone)
      throw new UsageError(
        `--epochs ${hp.epochs} is fewer than the ${resume.checkpoint.epochsDone} epochs ${out} has already trained`,
      );
    const setup = readSetup(args);
    const impl = readImpl(args);
    const backend = await startNodeBackend(stringFlag(args, 'backend'));
    const log = (line: string) => {
      if (!args.flags.has('quiet')) process.stdout.write(`${line}\n`);
    };
    const data = await loadFiles(args.positionals, stringFlag(args, 'truth'));
    let prepared;
    try {
      // the split follows the data seed so that runs differing only in --seed validate on the same users
      prepared = prepareTrainingData(data.store, setup, {
        validationFraction: hp.validationFraction,
        seed: setup.sampling.seed,
      });
    } catch (e) {
      throw new InputError(describeError(e));
    }
    for (const w of unmatchedRuleEntries(data.store, setup.rules)) process.stderr.write(`Warning: ${w}\n`);
    const fingerprint = fingerprintData(data.store);
    if (resume && fingerprint !== resume.dataFingerprint)
      throw new InputError(
        `The input files changed since the run in ${out} started (data fingerprint ${resume.dataFingerprint}, now ${fingerprint}): a resume needs the same data; start a new run instead.`,
      );
    if (!resume) writeRunSettings(out, args, fingerprint);
    if (resume) log(`Resuming ${out} after epoch ${resume.checkpoint.epochsDone} of ${hp.epochs}`);
    log(
      `Training ${kind} on ${prepared.train.users.length} users (validation ${prepared.validation.users.length}), ` +
        `${prepared.builder.width} categories, backend ${backend.backend}, ${impl} path`,
    );
    const { record, model } = await runExperiment({
      id: `cli-${Date.now().toString(36)}`,
      name: `${kind} (cli)`,
      store: data.store,
      truth: data.truth,
      setup,
      prepared,
      kind,
      hyperparameters: hp,
      backend: backend.backend,
      renderer: null,
      impl,
      resumeFrom: resume?.checkpoint,
      onCheckpoint: (c) => writeCheckpoint(out, c),
      onEpoch: (e) =>
        log(
          `epoch ${e.epoch + 1}: loss ${e.loss.toFixed(4)} acc ${e.accuracy.toFixed(4)} val_loss ${e.valLoss.toFixed(4)} val_acc ${e.valAccuracy.toFixed(4)} (${Math.round(e.samplesPerSec)} samples/s)`,
        ),
    });
    if (record.status === 'failed') {
      model.dispose();
      throw new InputError(`Training failed: ${record.message}`);
    }
    await writeRunFolder(out, record, model);
    model.dispose();
    const { truthIntervals, ...intervals } = summariseIntervals(record);
    const base = summariseRecord(record, out);
    const summary = { ...base, ...intervals, truth: base.truth && { ...base.truth, ...truthIntervals } };
    if (args.flags.has('json')) printJson(summary);
    else
      log(
        `Wrote ${out}: validation accuracy ${summary.valAccuracy.toFixed(4)}, AUC ${summary.valAuc?.toFixed(4) ?? '—'}\n` +
          describeValidation(record),
      );
  },
};
