// The one error type of bundle import: its message says what is wrong with the files and what to do instead.

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}
