// Seeded randomness for everything that must be reproducible: the demo world, splits, sampling, shuffling.

/** A seeded generator of floats in [0, 1) whose position can be saved (a training checkpoint keeps it). */
export interface SeededRandom {
  (): number;
  /** the generator's whole state; createRandom(state) continues the same stream from here */
  state(): number;
}

/** mulberry32: tiny, fast, good enough for shuffles and synthetic data. Returns floats in [0, 1). */
export function createRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Object.assign(next, { state: () => a });
}

/** Fisher–Yates in place with the given generator. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(
  arr: T,
  random: () => number,
): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}
