// `score --engine duckdb`: the feature rows and the rule labels come out of DuckDB grouped by user (every user,
// those without inputs too), are rebuilt into feature batches a few hundred users at a time, scored over the worker
// pool and written as they come, so memory holds a few batches however many users the files hold.

import type { WriteStream } from 'node:fs';
import { formatScore, escapeCsvCell, SCORES_CSV_HEADER } from '../../core/bundle';
import { createRowsBatchBuilder, type FeatureKind, type FeatureSpec } from '../../core/features';
import type { RuleSet } from '../../core/labels';
import { SCORING_BATCH } from '../../core/runs';
import { buildFeaturesSql, buildLabelsSql, sqlDialect } from '../../core/sql';
import type { WorkerPool } from '../workerPool';
import type { DuckEngine } from './engine';

const dialect = sqlDialect('duckdb');
const LABEL_SOURCE: Record<string, string> = {
  positive: 'rule-positive',
  negative: 'rule-negative',
  conflict: 'rule-conflict',
  unlabelled: 'unlabelled',
};

/** Most ids need no quoting; the rest go through the scores file's own escaping (quotes, formulas). */
function csvId(id: string): string {
  return /^[=+\-@\t\r]|[",\r\n]/.test(id) ? escapeCsvCell(id) : id;
}

export interface DuckScoreSummary {
  users: number;
  tagged: number;
}

/** One row per (user, feature row); a user without inputs comes once with a NULL kind. */
function scoringSql(engine: DuckEngine, spec: FeatureSpec, rules: RuleSet): string {
  const source = { dialect, categoryNames: engine.categoryNames };
  return `WITH f AS (${buildFeaturesSql(spec, source)}),
l AS (${buildLabelsSql(rules, source)})
SELECT l.user_id, l.label, f.kind, f.period, f.category, f."count"
FROM l LEFT JOIN f USING (user_id)
ORDER BY l.user_id, f.kind, f.period, f.category`;
}

export async function scoreOnDuck(options: {
  engine: DuckEngine;
  spec: FeatureSpec;
  rules: RuleSet;
  pool: WorkerPool;
  workers: number;
  threshold: number;
  out: WriteStream;
}): Promise<DuckScoreSummary> {
  const { engine, spec, pool, out, threshold } = options;
  const builder = createRowsBatchBuilder(spec);
  const summary: DuckScoreSummary = { users: 0, tagged: 0 };
  // Batches in flight, written strictly in order as their scores arrive.
  let queue: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let ids: string[] = [];
  let sources: string[] = [];

  const submit = async (): Promise<void> => {
    if (ids.length === 0) return;
    const batchIds = ids;
    const batchSources = sources;
    const scored = pool.predict(builder.finish(batchIds.length));
    ids = [];
    sources = [];
    const job = (queue = queue.then(async () => {
      const scores = await scored;
      let text = '';
      for (let i = 0; i < batchIds.length; i++) {
        const tag = scores[i] >= threshold ? 1 : 0;
        summary.tagged += tag;
        text += `${csvId(batchIds[i])},${formatScore(scores[i])},${tag},${batchSources[i]}\n`;
      }
      summary.users += batchIds.length;
      if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }));
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= 2 * options.workers) await Promise.race(inFlight);
  };

  out.write(`${SCORES_CSV_HEADER}\n`);
  const result = await engine.connection.stream(scoringSql(engine, spec, options.rules));
  let current: string | null = null;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const [user, label, kind, period, category, count] of chunk.getRows()) {
      const id = String(user);
      if (id !== current) {
        if (current !== null) {
          builder.endUser(ids.length);
          ids.push(current);
          if (ids.length >= SCORING_BATCH) await submit();
        }
        current = id;
        sources.push(LABEL_SOURCE[String(label)] ?? 'unlabelled');
      }
      if (kind !== null) builder.add(kind as FeatureKind, Number(period), String(category), Number(count));
    }
  }
  if (current !== null) {
    builder.endUser(ids.length);
    ids.push(current);
  }
  await submit();
  await queue;
  return summary;
}
