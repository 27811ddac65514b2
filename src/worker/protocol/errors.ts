// Errors crossing the worker boundary as plain data, and back into Error objects on the page.

import { ABORT_ERROR_NAME, type WorkerErrorInfo } from '.';

export function toErrorInfo(error: unknown): WorkerErrorInfo {
  if (error instanceof Error || error instanceof DOMException)
    return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** An Error on the page that keeps the worker-side name (so `isCancelled` works across the boundary). */
export class WorkerRequestError extends Error {
  constructor(info: WorkerErrorInfo) {
    super(info.message);
    this.name = info.name;
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === ABORT_ERROR_NAME;
}

export function makeAbortError(message = 'Cancelled'): Error {
  const error = new Error(message);
  error.name = ABORT_ERROR_NAME;
  return error;
}
