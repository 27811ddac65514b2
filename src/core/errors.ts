// Anything thrown, as text for a person: one rule for the core, the worker, the store, the UI and the CLI.

/** The message to show for anything thrown: an Error's message, else the value as text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
