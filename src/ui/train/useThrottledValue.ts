import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once per `intervalMs` and then only in an animation frame; the latest value always
 * arrives (a trailing update). Progress reaches the page about ten times a second and each chart render costs tens
 * of milliseconds on a loaded machine (recharts re-renders its whole tree), so the curves take a fraction of those
 * updates while the numbers beside them take every one. A new `resetKey` (another run) passes its value at once.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, resetKey?: unknown): T {
  const [shown, setShown] = useState(value);
  const [shownKey, setShownKey] = useState(resetKey);
  const lastAt = useRef(0);
  // another series (the charts now show another run): take its value at once, in this render
  // (React re-renders at once with the new state, before anything is committed)
  const reset = !Object.is(shownKey, resetKey);
  if (reset) {
    setShownKey(resetKey);
    setShown(() => value);
  }
  // every new value cancels the pending update and schedules its own, so the one that fires is the latest
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastAt.current + intervalMs - performance.now());
    let frame = 0;
    const timer = setTimeout(() => {
      frame = requestAnimationFrame(() => {
        lastAt.current = performance.now();
        setShown(() => value);
      });
    }, wait);
    return () => {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
    };
  }, [value, shown, intervalMs]);
  return reset ? value : shown;
}

/**
 * The value one task later: two charts that change together then render in two tasks instead of one, so neither
 * task holds the main thread for both.
 */
export function useNextTaskValue<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const timer = setTimeout(() => setShown(() => value), 0);
    return () => clearTimeout(timer);
  }, [value, shown]);
  return shown;
}
