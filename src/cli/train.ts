// `train FILE... --rules R.json --model shallow|lstm|dual [...] --out DIR [--json]`: trains one model in Node over
// the same core as the page, writes model.json + weights.bin + tag-lab.json + README.md and prints the metrics.
// It keeps a checkpoint in DIR/checkpoint after every epoch; `train --resume DIR [--epochs N]` continues from it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildBundleFiles,
  exportModelArtifacts,
  fingerprintData,
  validationForBundle,
  type BundleValidation,
} from '../core/bundle';
import { runExperiment, prepareTrainingData } from '../core/runs';
import type { RunRecord } from '../core/runs';
import { checkTrainWorkers, createParallelTrainerFactory, type TrainingImpl } from '../core/training';
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
import { loadFiles } from './loadFiles';
import { startNodeBackend } from './nodeBackend';
import { defaultTrainWorkerCount, startTrainReplicas } from './trainReplicas';
import { describeValidation, summariseIntervals } from './trainIntervals';
import { summariseRecord } from './trainSummary';
import {
  HYPERPARAMETER_FLAGS,
  readHyperparameters,
  readKind,
  readSetup,
  SETUP_SWITCHES,
  SETUP_VALUE_FLAGS,
} from './trainOptions';
import { unmatchedRuleEntries } from './ruleWarnings';
import { describeError } from '../core/errors';
import { readResume, writeCheckpoint, writeRunSettings } from './trainCheckpoint';

const FLAGS = {
  values: [
    'model',
    ...HYPERPARAMETER_FLAGS,
    ...SETUP_VALUE_FLAGS,
    'truth',
    'out',
    'backend',
    'impl',
    'workers',
    'resume',
  ],
  switches: ['json', ...SETUP_SWITCHES, 'quiet'],
};

function readImpl(args: ParsedArgs): TrainingImpl {
  const impl = stringFlag(args, 'impl') ?? 'fast';
  if (impl !== 'fast' && impl !== 'stock')
    throw new UsageError(`--impl must be fast or stock, got "${impl}"`);
  return impl;
}

/** --workers N (default cores − 1, at most 8); the stock path trains on one worker only. */
function readWorkers(args: ParsedArgs, impl: TrainingImpl): number {
  if (impl === 'stock') {
    if (args.flags.has('workers') && numberFlag(args, 'workers', 1) !== 1)
      throw new UsageError('--impl stock trains on one worker: drop --workers or use --impl fast');
    return 1;
  }
  const workers = numberFlag(args, 'workers', defaultTrainWorkerCount());
  const problem = checkTrainWorkers(workers);
  if (problem) throw new UsageError(`--${problem}`);
  return workers;
}

async function writeRunFolder(
  dir: string,
  record: RunRecord,
  model: Parameters<typeof exportModelArtifacts>[0],
  validation: BundleValidation,
) {
  const { modelJson, weights } = await exportModelArtifacts(model);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of buildBundleFiles({ run: record, modelJson, weights, validation }))
    writeFileSync(join(dir, name), bytes);
}

export const command: Command = {
  summary: 'Train one model variant and write its files',
  usage:
    '--resume DIR [--epochs N --backend --workers N --json --quiet] | FILE... --rules R.json --model shallow|lstm|dual [--epochs --hidden --fc --projection --dropout --l2 --lr --batch --seed --validation --patience --backend wasm|cpu --impl fast|stock --workers N --top-k --months --days --balance --no-class-weights --max-samples --data-seed --mask-rule-categories --truth T.csv] --out DIR [--json]',
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
    const workers = readWorkers(args, impl);
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
        `${prepared.builder.width} categories, backend ${backend.backend}, ${impl} path, ${workers} worker${workers > 1 ? 's' : ''}`,
    );
    const { record, model, validationScores } = await runExperiment({
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
      workers,
      // replica threads for workers 2..N; this thread is worker 1 (and holds the model that is written out)
      createTrainer:
        workers > 1
          ? (...trainerArgs) =>
              createParallelTrainerFactory({
                links: startTrainReplicas(workers - 1),
                dims: {
                  width: prepared.builder.width,
                  months: prepared.spec.months,
                  days: prepared.spec.days,
                },
              })(...trainerArgs)
          : undefined,
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
    // the validation users by id, as the page's bundles carry them: `evaluate`/`compare` and a page that restores
    // the folder get the run's own comparison (intervals, curves, paired tests), not only its recorded metrics
    const validation = validationForBundle(
      { ...prepared.validation, scores: validationScores },
      data.store.userIds,
    );
    await writeRunFolder(out, record, model, validation);
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
