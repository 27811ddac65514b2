// Scoring every user on several workers: this thread (which holds the trained model and the whole store) scores the
// first contiguous chunk of users and each linked scorer one more, sent its chunk's events once; every scorer builds
// its own batches. A scorer takes its chunk's pieces from the front; this thread, done with its own chunk, takes the
// pieces left from the back (so a scorer that starts late, or runs on a busier core, does not hold up the end). Chunk
// and piece bounds fall on the one-thread scorer's batch bounds, so every user lands in the same batch as in
// scoreStore and the scores are the one-thread scores, whoever scores them. A scorer that fails leaves its users to
// this thread (worker 1), which scores them and says so (onNotice): the result is complete either way.

import { exportModelArtifacts } from '../../bundle';
import { createAbortError, isAbortError, throwIfAborted, yieldToEventLoop } from '../../events/abort';
import { sliceStoreUsers } from '../../events/sliceUsers';
import { describeError } from '../../errors';
import { createBatchBuilder } from '../../features';
import { predictScores } from '../../training/validation';
import { planShards } from '../../training/parallel/shardBatch';
import { allUsers, SCORING_BATCH, scoreStore, type ScoreStoreOptions, type StoreScorer } from '../scoring';
import type { ScorerLink, ScorerSetup, UserRange } from './types';

/** Users a piece holds: a progress step and, in this thread, the stretch between two turns of the event loop. */
const PIECE_USERS = SCORING_BATCH * 2;
/**
 * Fewer users than this per worker do not pay for a worker's start (loading TF.js and its backend takes about a
 * second; the dual LSTM scores some 2,000 users a second on one core), so small stores use fewer workers.
 */
export const MIN_USERS_PER_SCORER = 4096;
const CANCELLED = 'Scoring was cancelled.';

export interface ShardedScoringOptions {
  /** workers in all, this thread included: up to workers − 1 scorers are spawned */
  workers: number;
  /** the coordinator's backend, which every scorer starts */
  backend: string;
  spawn: (count: number) => ScorerLink[];
  /** a scorer failed and this thread scored its users instead */
  onNotice?: (message: string) => void;
  minUsersPerScorer?: number;
}

/** How many workers score `users` users: at most `workers`, each with at least `least` users and one batch. */
export function plannedScorers(users: number, workers: number, least = MIN_USERS_PER_SCORER): number {
  const blocks = Math.ceil(users / SCORING_BATCH);
  return Math.max(1, Math.min(workers, blocks, Math.floor(users / Math.max(1, least))));
}

/** `count` contiguous chunks of near-equal size whose bounds are multiples of the scoring batch. */
export function planScoringChunks(users: number, count: number): UserRange[] {
  const blocks = Math.ceil(users / SCORING_BATCH);
  return planShards(blocks, count).map(({ lo, hi }) => ({
    lo: Math.min(users, lo * SCORING_BATCH),
    hi: Math.min(users, hi * SCORING_BATCH),
  }));
}

function piecesOf(chunk: UserRange): UserRange[] {
  const out: UserRange[] = [];
  for (let lo = chunk.lo; lo < chunk.hi; lo += PIECE_USERS)
    out.push({ lo, hi: Math.min(chunk.hi, lo + PIECE_USERS) });
  return out;
}

/** A StoreScorer over the workers: a drop-in for scoreStore wherever every user of a store is scored. */
export function createShardedScorer(sharding: ShardedScoringOptions): StoreScorer {
  return (options) => scoreStoreSharded({ ...options, ...sharding });
}

/** Pieces a scorer has in flight, so it never waits on this thread's turns between two of them. */
const IN_FLIGHT = 2;

/** One scorer's chunk as pieces: the scorer takes them from the front, this thread from the back. */
interface Lane {
  chunk: UserRange;
  front(): UserRange | null;
  back(): UserRange | null;
  left(): number;
  /** users the scorer scored */
  scoredThere: number;
  failure: string | null;
  /** pieces it was asked for and did not score */
  failed: UserRange[];
}

function createLane(chunk: UserRange): Lane {
  const pieces = piecesOf(chunk);
  let head = 0;
  let tail = pieces.length;
  return {
    chunk,
    front: () => (head < tail ? pieces[head++] : null),
    back: () => (head < tail ? pieces[--tail] : null),
    left: () => tail - head,
    scoredThere: 0,
    failure: null,
    failed: [],
  };
}

export async function scoreStoreSharded(o: ScoreStoreOptions & ShardedScoringOptions): Promise<Float32Array> {
  const total = o.store.userIds.length;
  const count = plannedScorers(total, o.workers, o.minUsersPerScorer);
  if (count <= 1) return scoreStore(o);
  const signal = o.cancel?.signal;
  throwIfAborted(signal, CANCELLED);
  const chunks = planScoringChunks(total, count);
  const { modelJson, weights } = await exportModelArtifacts(o.model);
  const scores = new Float32Array(total);
  let done = 0;
  const record = (piece: UserRange, part: Float32Array) => {
    const want = piece.hi - piece.lo;
    if (part.length !== want) throw new Error(`it returned ${part.length} scores for ${want} users`);
    scores.set(part, piece.lo);
    done += want;
    o.onProgress?.(done, total);
  };
  const builder = createBatchBuilder(o.store, o.spec, o.doctor);
  const users = allUsers(o.store);
  // one piece in this thread, after a turn of the event loop, so the scorers' replies and a Cancel are read
  const scoreHere = async (piece: UserRange) => {
    throwIfAborted(signal, CANCELLED);
    await (o.cancel?.yieldEvery ?? yieldToEventLoop)();
    throwIfAborted(signal, CANCELLED);
    const part = users.subarray(piece.lo, piece.hi);
    record(piece, await predictScores(o.model, o.kind, (u, l) => builder.build(u, l), part, SCORING_BATCH));
  };
  let links: ScorerLink[];
  try {
    links = o.spawn(count - 1);
  } catch (err) {
    // no workers here (a browser without module workers, a test in Node): the same scores, one thread
    o.onNotice?.(
      `The scoring workers could not start (${describeError(err).replace(/\.$/, '')}); worker 1 scored every user.`,
    );
    return scoreStore(o);
  }
  const lanes = chunks.slice(1).map(createLane);
  const setupOf = (chunk: UserRange): ScorerSetup => ({
    backend: o.backend,
    kind: o.kind,
    spec: o.spec,
    ...(o.doctor && { doctor: o.doctor }),
    modelJson,
    weights,
    store: sliceStoreUsers(o.store, chunk.lo, chunk.hi),
  });
  // this thread: its own chunk, then the back of the chunk with the most pieces left, until none is left
  const scoreHereAndHelp = async () => {
    for (const piece of piecesOf(chunks[0])) await scoreHere(piece);
    for (let lane = fullest(lanes); lane; lane = fullest(lanes)) await scoreHere(lane.back()!);
  };
  try {
    const remote = links.map((link, i) => scoreOnLink(link, lanes[i], setupOf, record));
    await untilAborted(Promise.all([scoreHereAndHelp(), ...remote]), signal);
    for (const [i, lane] of lanes.entries()) {
      if (lane.failure === null) continue;
      for (const piece of lane.failed) await scoreHere(piece);
      const why = lane.failure.replace(/\.$/, '');
      const orphans = lane.chunk.hi - lane.chunk.lo - lane.scoredThere;
      o.onNotice?.(
        `Scoring worker ${i + 2} of ${count} failed (${why}); worker 1 scored its ${orphans.toLocaleString('en-US')} remaining users instead, so every user is scored.`,
      );
    }
    return scores;
  } finally {
    links.forEach((link) => link.dispose());
  }
}

function fullest(lanes: Lane[]): Lane | null {
  let best: Lane | null = null;
  for (const lane of lanes) if (lane.left() > 0 && (!best || lane.left() > best.left())) best = lane;
  return best;
}

/**
 * Sends the chunk once, then keeps IN_FLIGHT pieces asked for until the lane is empty or the scorer fails; a failure
 * is kept on the lane (with the pieces it did not score) instead of rejecting, so this thread can take them.
 */
async function scoreOnLink(
  link: ScorerLink,
  lane: Lane,
  setupOf: (chunk: UserRange) => ScorerSetup,
  record: (piece: UserRange, part: Float32Array) => void,
): Promise<void> {
  const { chunk } = lane;
  try {
    await link.start(setupOf(chunk));
  } catch (err) {
    lane.failure = describeError(err);
    return;
  }
  const work = async () => {
    for (let piece = lane.front(); piece; piece = lane.failure === null ? lane.front() : null) {
      try {
        record(piece, await link.score({ lo: piece.lo - chunk.lo, hi: piece.hi - chunk.lo }));
        lane.scoredThere += piece.hi - piece.lo;
      } catch (err) {
        lane.failure ??= describeError(err);
        lane.failed.push(piece);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, work));
}

/** The work, or an AbortError as soon as the signal fires (the scorers are then closed by the caller). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(createAbortError(CANCELLED));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work
      .then(resolve, (err: unknown) => reject(isAbortError(err) ? createAbortError(CANCELLED) : err))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
