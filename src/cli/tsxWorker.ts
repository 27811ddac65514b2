// Starts a worker thread on a TypeScript entry. The CLI runs its TypeScript through tsx, whose loader a worker
// thread does not inherit: a small bootstrap registers it (resolved from this package) and then imports the entry.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const requireHere = createRequire(import.meta.url);

export function spawnTsxWorker(entry: URL, workerData: unknown): Worker {
  const tsxApi = pathToFileURL(requireHere.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData });
}
