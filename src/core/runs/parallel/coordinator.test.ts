import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFailingScorerLink, createLoopbackScorerLink } from '../../../test/scorerLinks';
import { isAbortError } from '../../events/abort';
import { buildFeatureSpec, specWidth } from '../../features';
import { buildModel } from '../../models/build';
import { DEFAULT_HYPERPARAMETERS } from '../../models/hyperparameters';
import type { ModelKind } from '../../models/types';
import { generateDemo } from '../../synthetic';
import { scoreStore } from '../scoring';
import { planScoringChunks, plannedScorers, scoreStoreSharded } from './coordinator';
import { createInProcessScorerLink } from './inProcessLink';
import type { ScorerLink } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 2,500 users: 5 scoring batches of 512, so 3 workers get chunks of 1,024, 1,024 and 452 users
const store = generateDemo({ users: 2500, seed: 11, months: 6 }).store;
const spec = buildFeatureSpec(store, { topK: 20, months: 6, days: 14, maskedCategories: [] });
const dims = { width: specWidth(spec), months: spec.months, days: spec.days };
const models = new Map<ModelKind, tf.LayersModel>();
function modelOf(kind: ModelKind): tf.LayersModel {
  if (!models.has(kind))
    models.set(kind, buildModel(kind, { ...DEFAULT_HYPERPARAMETERS[kind], hidden: 4, fcUnits: 4 }, dims));
  return models.get(kind)!;
}

const base = (kind: ModelKind) => ({ model: modelOf(kind), kind, spec, store, backend: 'cpu' });

function spawnWith(make: () => ScorerLink) {
  const spawned: ScorerLink[] = [];
  return {
    spawned,
    spawn: (count: number) => Array.from({ length: count }, () => (spawned.push(make()), spawned.at(-1)!)),
  };
}

const largestGap = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('planning the chunks', () => {
  it('puts chunk bounds on scoring-batch bounds and covers every user once', () => {
    expect(planScoringChunks(2500, 3)).toEqual([
      { lo: 0, hi: 1024 },
      { lo: 1024, hi: 2048 },
      { lo: 2048, hi: 2500 },
    ]);
    expect(planScoringChunks(2500, 2)).toEqual([
      { lo: 0, hi: 1536 },
      { lo: 1536, hi: 2500 },
    ]);
  });

  it('uses fewer workers where there are too few users for each to pay for its start', () => {
    expect(plannedScorers(10_000, 4)).toBe(2);
    expect(plannedScorers(3_000, 4)).toBe(1);
    expect(plannedScorers(100_000, 4)).toBe(4);
    expect(plannedScorers(2500, 8, 1)).toBe(5); // never more workers than scoring batches
  });
});

describe('scoring every user on several workers', () => {
  it.each(['shallow', 'lstm', 'dual'] as const)(
    'gives the one-thread scores on 2 and 3 workers, user by user (%s)',
    async (kind) => {
      const one = await scoreStore(base(kind));
      // the users' scores differ, so a chunk written at the wrong offset cannot pass
      expect(new Set(one).size).toBeGreaterThan(100);
      for (const workers of [2, 3]) {
        const { spawn, spawned } = spawnWith(() => createLoopbackScorerLink().link);
        const progress: number[] = [];
        const notices: string[] = [];
        const many = await scoreStoreSharded({
          ...base(kind),
          workers,
          spawn,
          minUsersPerScorer: 1,
          onProgress: (done) => progress.push(done),
          onNotice: (m) => notices.push(m),
        });
        // no fallback: each scorer scored its own chunk
        expect(notices).toEqual([]);
        expect(spawned).toHaveLength(workers - 1);
        // measured: identical (every user is scored in the same batch as by scoreStore); bound 1e-6
        expect(largestGap(many, one)).toBeLessThan(1e-6);
        expect(progress.at(-1)).toBe(2500);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
      }
    },
  );

  it('sends each scorer its own chunk and asks for ranges counted from the chunk’s first user', async () => {
    const loops = [createLoopbackScorerLink(), createLoopbackScorerLink()];
    await scoreStoreSharded({
      ...base('shallow'),
      workers: 3,
      spawn: () => loops.map((l) => l.link),
      minUsersPerScorer: 1,
    });
    const chunks = [
      { lo: 1024, hi: 2048 },
      { lo: 2048, hi: 2500 },
    ];
    loops.forEach(({ received }, i) => {
      const start = received.find((m) => m.type === 'start');
      if (start?.type !== 'start') throw new Error('no setup');
      expect(start.setup.store.userIds).toEqual(store.userIds.slice(chunks[i].lo, chunks[i].hi));
      // this thread may take a piece of the chunk from its back; what the scorer is asked for lies in its chunk
      for (const m of received)
        if (m.type === 'score') expect([m.range.lo, m.range.hi]).toEqual([0, chunks[i].hi - chunks[i].lo]);
    });
  });

  it('takes the pieces a late scorer has not begun from the back of its chunk, and leaves it the front', async () => {
    // 4,100 users on 2 workers: this thread's chunk is users 0 to 2,560; the scorer's, 2,560 to 4,100, in two pieces.
    // The scorer starts only once this thread has scored its own chunk; this thread then waits (its pause between
    // pieces) until the scorer has asked for a piece, so which piece goes where does not depend on timing.
    const bigger = generateDemo({ users: 4100, seed: 12, months: 6 }).store;
    const o = { ...base('shallow'), store: bigger };
    const one = await scoreStore(o);
    let done = 0;
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let heard: () => void = () => {};
    const askedOnce = new Promise<void>((resolve) => (heard = resolve));
    const inner = createInProcessScorerLink();
    const asked: { lo: number; hi: number }[] = [];
    const late: ScorerLink = {
      start: async (setup) => {
        await gate;
        return inner.start(setup);
      },
      score: (range) => {
        asked.push(range);
        heard();
        return inner.score(range);
      },
      dispose: () => inner.dispose(),
    };
    const many = await scoreStoreSharded({
      ...o,
      workers: 2,
      spawn: () => [late],
      minUsersPerScorer: 1,
      onProgress: (d) => {
        done = d;
        if (d === 2560) open();
      },
      cancel: { yieldEvery: () => (done >= 2560 ? askedOnce : Promise.resolve()) },
    });
    expect(asked).toEqual([{ lo: 0, hi: 1024 }]);
    expect(largestGap(many, one)).toBe(0);
  });

  it('scores a failed worker’s users in this thread, says so, and still gives every user the one-thread score', async () => {
    // 4,100 users on 2 workers: the second worker's chunk (users 2,560 to 4,100) comes in two pieces; the second fails
    const bigger = generateDemo({ users: 4100, seed: 12, months: 6 }).store;
    const o = { ...base('shallow'), store: bigger };
    const one = await scoreStore(o);
    const notices: string[] = [];
    const failing = createFailingScorerLink(2);
    const many = await scoreStoreSharded({
      ...o,
      workers: 2,
      spawn: () => [failing],
      minUsersPerScorer: 1,
      onNotice: (m) => notices.push(m),
    });
    expect(largestGap(many, one)).toBe(0);
    expect(notices).toEqual([
      'Scoring worker 2 of 2 failed (out of memory in the scorer); worker 1 scored its 516 remaining users instead, so every user is scored.',
    ]);
    expect(failing.disposed()).toBe(true);
  });

  it('falls back when a worker cannot start, and when its channel dies', async () => {
    const one = await scoreStore(base('shallow'));
    const notices: string[] = [];
    const dying = createLoopbackScorerLink();
    const many = await scoreStoreSharded({
      ...base('shallow'),
      workers: 3,
      spawn: () => [createFailingScorerLink(0), dying.link],
      minUsersPerScorer: 1,
      onNotice: (m) => notices.push(m),
      // the third worker's channel dies once the first piece here is scored
      onProgress: (done) =>
        done === 1024 && dying.kill('the sub-worker was closed, crashed or ran out of memory'),
    });
    expect(largestGap(many, one)).toBe(0);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain(
      'Scoring worker 2 of 3 failed (the wasm backend did not start in the sub-worker)',
    );
    expect(notices[0]).toContain('its 1,024 remaining users');
    expect(notices[1]).toContain(
      'Scoring worker 3 of 3 failed (the sub-worker was closed, crashed or ran out of memory)',
    );
  });

  it('scores every user in this thread when no worker can be spawned, and says why', async () => {
    const notices: string[] = [];
    const one = await scoreStore(base('shallow'));
    const alone = await scoreStoreSharded({
      ...base('shallow'),
      workers: 2,
      spawn: () => {
        throw new ReferenceError('Worker is not defined');
      },
      minUsersPerScorer: 1,
      onNotice: (m) => notices.push(m),
    });
    expect(Array.from(alone)).toEqual(Array.from(one));
    expect(notices).toEqual([
      'The scoring workers could not start (Worker is not defined); worker 1 scored every user.',
    ]);
  });

  it('stops on Cancel with an AbortError and closes every scorer', async () => {
    const controller = new AbortController();
    const { spawn, spawned } = spawnWith(() => createFailingScorerLink(-1));
    const error = await scoreStoreSharded({
      ...base('shallow'),
      workers: 3,
      spawn,
      minUsersPerScorer: 1,
      cancel: { signal: controller.signal },
      onProgress: () => controller.abort(),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect((error as Error).message).toBe('Scoring was cancelled.');
    expect(spawned.every((l) => (l as ReturnType<typeof createFailingScorerLink>).disposed())).toBe(true);
  });

  it('scores in this thread alone, spawning nothing, when one worker is asked for', async () => {
    const { spawn, spawned } = spawnWith(() => createInProcessScorerLink());
    const one = await scoreStore(base('shallow'));
    const alone = await scoreStoreSharded({ ...base('shallow'), workers: 1, spawn, minUsersPerScorer: 1 });
    expect(spawned).toHaveLength(0);
    expect(Array.from(alone)).toEqual(Array.from(one));
  });
});
