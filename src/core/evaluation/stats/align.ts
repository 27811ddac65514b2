// Pairing two runs' scores on the users both scored: a paired test needs the same users on both sides, and two runs
// whose validation splits were drawn with different seeds share only part of their validation users.

export interface ScoredUsers {
  /** user (store) indices */
  users: ArrayLike<number>;
  scores: ArrayLike<number>;
  /** 1/0 labels, same order */
  labels: ArrayLike<number>;
}

export interface AlignedScores {
  users: Int32Array;
  scoresA: Float64Array;
  scoresB: Float64Array;
  labels: Uint8Array;
  /** users only one side scored, left out */
  dropped: { a: number; b: number };
}

/** The users both runs scored, in A's order; throws when the two runs label a shared user differently. */
export function alignOnSharedUsers(a: ScoredUsers, b: ScoredUsers): AlignedScores {
  const rowOfB = new Map<number, number>();
  for (let i = 0; i < b.users.length; i++) rowOfB.set(b.users[i], i);
  const users: number[] = [];
  const scoresA: number[] = [];
  const scoresB: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < a.users.length; i++) {
    const j = rowOfB.get(a.users[i]);
    if (j === undefined) continue;
    const label = a.labels[i] > 0.5 ? 1 : 0;
    if (label !== (b.labels[j] > 0.5 ? 1 : 0))
      throw new Error(
        `User ${a.users[i]} has different labels in the two runs: compare runs with the same rules.`,
      );
    users.push(a.users[i]);
    scoresA.push(a.scores[i]);
    scoresB.push(b.scores[j]);
    labels.push(label);
  }
  return {
    users: Int32Array.from(users),
    scoresA: Float64Array.from(scoresA),
    scoresB: Float64Array.from(scoresB),
    labels: Uint8Array.from(labels),
    dropped: { a: a.users.length - users.length, b: b.users.length - users.length },
  };
}
