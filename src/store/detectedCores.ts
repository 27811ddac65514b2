// The cores this browser reports, for the default number of training workers.

/** navigator.hardwareConcurrency, or 1 where there is no navigator (Node) or it says nothing. */
export function detectedCores(): number {
  return (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1;
}
