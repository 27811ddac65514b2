// `audit FILE... --rules R.json --model KIND --out audit.csv [--folds 5] [--unmasked] [--missed] [--truth T.csv]
// [--top 20] [--workers N] [--json]`: the label audit of the page in Node (--workers N > 1: the folds train side by
// side on N worker threads). k models, each trained without one fold, score every
// rule-labelled user; the labels their scores contradict are flagged (confident learning), printed most suspicious
// first and written to a CSV. With --missed, also Elkan & Noto's estimate of how many positives the rules miss.

import { writeFileSync } from 'node:fs';
import { auditCsv, explainFlag } from '../core/bundle';
import { describeError } from '../core/errors';
import { estimateToJson, formatEstimate, type ElkanNotoEstimate } from '../core/evaluation';
import { runElkanNoto, runLabelAudit, type AuditOptions } from '../core/runs';
import { MAX_TRAIN_WORKERS, type FoldJob } from '../core/training';
import { InputError, UsageError, numberFlag, parseArgs, printJson, requireFlag, stringFlag } from './args';
import type { Command } from './commands';
import { withFoldThreads } from './jobThreads';
import { loadFiles } from './loadFiles';
import { startNodeBackend } from './nodeBackend';
import { defaultTrainWorkerCount } from './trainReplicas';
import {
  HYPERPARAMETER_FLAGS,
  readHyperparameters,
  readKind,
  readSetup,
  SETUP_SWITCHES,
  SETUP_VALUE_FLAGS,
} from './trainOptions';

const FLAGS = {
  values: [
    'model',
    ...HYPERPARAMETER_FLAGS,
    ...SETUP_VALUE_FLAGS,
    'folds',
    'out',
    'top',
    'truth',
    'backend',
    'workers',
  ],
  switches: ['json', 'unmasked', 'missed', 'quiet', ...SETUP_SWITCHES],
};

const CAVEAT =
  'The audit finds labels that look random. It cannot catch the rules’ systematic bias: a kind of user the rules ' +
  'leave out is left out of every model trained on them too.';

function wholeInRange(
  args: ReturnType<typeof parseArgs>,
  name: string,
  fallback: number,
  lo: number,
  hi: number,
) {
  const v = numberFlag(args, name, fallback);
  if (!(Number.isInteger(v) && v >= lo && v <= hi))
    throw new UsageError(`--${name} must be a whole number from ${lo} to ${hi}, got ${v}`);
  return v;
}

function missedLines(e: ElkanNotoEstimate): string[] {
  const out = [
    `Share of positives the rules catch (Elkan & Noto): ${formatEstimate(e.labelFrequency)}` +
      (e.truth ? ` (truth: ${e.truth.labelFrequency.toFixed(3)})` : ''),
    `Likely positives among the ${e.poolUsers} unlabelled users: about ${Math.round(e.poolPositives)}` +
      (e.truth ? ` (truth: ${e.truth.poolPositives})` : ''),
  ];
  out.push(e.caveat);
  return out;
}

export const command: Command = {
  summary: 'Audit the rule labels: flag the labels out-of-fold scores contradict, and write them to a CSV',
  usage:
    'FILE... --rules R.json --model shallow|lstm|dual --out audit.csv [--folds 5] [--unmasked] [--missed] [--truth T.csv] [--top 20] [--workers N] [any train hyperparameter flag, --top-k --months --days --balance --no-class-weights --max-samples --data-seed --backend wasm|cpu] [--json]',
  async run(argv) {
    const args = parseArgs(argv, FLAGS);
    if (args.positionals.length === 0) throw new UsageError('Give at least one CSV file');
    const kind = readKind(args);
    const hyperparameters = readHyperparameters(args, kind);
    const setup = readSetup(args);
    const out = requireFlag(args, 'out');
    const k = wholeInRange(args, 'folds', 5, 2, 10);
    const top = wholeInRange(args, 'top', 20, 0, 100_000);
    const masked = !args.flags.has('unmasked');
    // default cores − 1 (at most 8) as train and sweep; never more threads than folds
    const workers = Math.min(
      k,
      wholeInRange(args, 'workers', defaultTrainWorkerCount(), 1, MAX_TRAIN_WORKERS),
    );
    const backend = await startNodeBackend(stringFlag(args, 'backend'));
    const data = await loadFiles(args.positionals, stringFlag(args, 'truth'));
    const log = (line: string) => {
      if (!args.flags.has('quiet')) process.stderr.write(`${line}\n`);
    };
    const options: AuditOptions = {
      store: data.store,
      setup,
      kind,
      hyperparameters,
      k,
      maskRuleCategories: masked,
      onFold: (fold, of) => log(`fold ${fold + 1} of ${of}…`),
    };
    let audit;
    let missed: ElkanNotoEstimate | null = null;
    const threads = {
      workers,
      store: data.store,
      kind,
      backend: backend.backend,
      onStart: (job: FoldJob) => log(`fold ${job.fold + 1} of ${job.of}…`),
    };
    try {
      audit = await withFoldThreads(threads, (scoreFold) => runLabelAudit({ ...options, scoreFold }));
      if (args.flags.has('missed')) {
        log('Elkan & Noto: rule positives against everyone else');
        missed = await withFoldThreads(threads, (scoreFold) =>
          runElkanNoto({ ...options, truth: data.truth, scoreFold }),
        );
      }
    } catch (e) {
      throw new InputError(describeError(e));
    }
    writeFileSync(out, auditCsv(audit));
    const summary = {
      model: kind,
      folds: k,
      maskedRuleCategories: masked,
      labelled: audit.labelled,
      flagged: audit.flagged.length,
      noiseRate: audit.noiseRate,
      thresholds: audit.thresholds,
      byCondition: audit.byCondition,
      suspects: audit.flagged.slice(0, top).map((f) => ({
        userId: f.userId,
        label: f.label === 1 ? 'positive' : 'negative',
        score: f.score,
        conditions: f.conditions,
      })),
      missed: missed && {
        labelFrequency: estimateToJson(missed.labelFrequency),
        poolUsers: missed.poolUsers,
        poolPositives: missed.poolPositives,
        truth: missed.truth,
        caveat: missed.caveat,
      },
      csv: out,
      caveat: CAVEAT,
    };
    if (args.flags.has('json')) return printJson({ ...summary, workers });
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const lines = [
      `Label audit: ${audit.flagged.length} of ${audit.labelled.positive + audit.labelled.negative} rule-labelled users look mislabelled (${k} folds of ${kind}, rule categories ${masked ? 'hidden' : 'visible'})`,
      `Estimated wrong labels: positives ${pct(audit.noiseRate.positive)} of ${audit.labelled.positive}, negatives ${pct(audit.noiseRate.negative)} of ${audit.labelled.negative}`,
      ...audit.byCondition.map(
        (c) => `  ${c.condition}: ${c.flagged} of ${c.users} flagged (${pct(c.share)})`,
      ),
    ];
    if (top > 0 && audit.flagged.length > 0) {
      lines.push(`Most suspicious ${Math.min(top, audit.flagged.length)}:`);
      for (const f of audit.flagged.slice(0, top))
        lines.push(`  ${f.userId ?? `row ${f.row + 1}`}: ${explainFlag(f, audit.thresholds)}`);
    }
    if (missed) lines.push(...missedLines(missed));
    lines.push(CAVEAT, `Every flagged user is in ${out}.`);
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};
