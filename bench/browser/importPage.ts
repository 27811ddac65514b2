// Page half of the import benchmark, bundled by esbuild into a plain script: times papaparse's bare parse of a
// File and our importDataset of the same File, both on the page's main thread.

import Papa from 'papaparse';
import { importDataset, sourceFromBlob } from '../../src/core/events';

function bareParse(file: Blob): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    Papa.parse(file as File, {
      delimiter: ',',
      chunk: () => undefined,
      complete: () => resolve((performance.now() - t0) / 1000),
      error: (e: Error) => reject(e),
    });
  });
}

async function ourImport(file: Blob): Promise<{ seconds: number; events: number }> {
  const t0 = performance.now();
  const result = await importDataset([{ source: sourceFromBlob(file, 'events.csv') }]);
  return { seconds: (performance.now() - t0) / 1000, events: result.report.events };
}

(globalThis as Record<string, unknown>).importBench = { bareParse, ourImport };
