// `score --model DIR --stdin [--threshold T] [--backend wasm|cpu]`: reads sparse feature rows grouped by user
// (`features` or `sql features` output) from standard input and writes `user_id,score,tag` lines (no header, so
// the outputs of many partitions concatenate) to standard output as it goes, in constant memory.

import { createInterface } from 'node:readline';
import { loadModelFromArtifacts } from '../core/bundle';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import { StreamLineError, scoreFeatureStream } from '../core/runs';
import { createFastTrainer } from '../core/training';
import { InputError, UsageError, numberFlag, parseArgs, requireFlag } from './args';
import { readModelFolder } from './modelFolder';
import { startNodeBackend } from './nodeBackend';

const FLAGS = { values: ['model', 'threshold', 'backend'], switches: ['stdin'] };

/** Writes to stdout, waiting for 'drain' when its buffer is full so a slow reader bounds our memory. */
function writeStdout(chunk: string): Promise<void> | void {
  if (process.stdout.write(chunk)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

export async function runScoreStdin(argv: string[]): Promise<void> {
  const args = parseArgs(argv, FLAGS);
  if (args.positionals.length > 0) throw new UsageError('--stdin reads standard input: give no files');
  const threshold = numberFlag(args, 'threshold', 0.5);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be in [0, 1]');
  const bundle = readModelFolder(requireFlag(args, 'model'));
  const kind = bundle.manifest.run.kind;
  await startNodeBackend(args.flags.get('backend') as string | undefined);
  const model = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
  const trainer = createFastTrainer(model, kind, { ...DEFAULT_HYPERPARAMETERS[kind], dropout: 0 });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    const summary = await scoreFeatureStream(lines, {
      spec: bundle.manifest.featureSpec,
      predict: (batch) => trainer.predict(batch),
      write: writeStdout,
      threshold,
    });
    process.stderr.write(
      `Scored ${summary.users} users from ${summary.rows} feature rows, ${summary.tagged} tagged at ${threshold}\n`,
    );
  } catch (e) {
    if (e instanceof StreamLineError) throw new InputError(`standard input: ${e.message}`);
    throw e;
  } finally {
    lines.close();
    trainer.dispose();
    model.dispose();
  }
}
