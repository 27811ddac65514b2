// Node-only import source: a file on disk read as a stream of byte chunks (unpacked with zlib when it is .gz, which
// is faster in Node than the web DecompressionStream), and by random access for Parquet.

import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { ImportSource } from '../core/events';

export function sourceFromPath(path: string): ImportSource {
  const size = statSync(path).size;
  if (/\.gz$/i.test(path)) return gunzippedSourceFromPath(path, size);
  return {
    name: basename(path),
    size,
    async *chunks() {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    },
    slice: (start, end) => readRange(path, start, end),
  };
}

async function readRange(path: string, start: number, end: number): Promise<ArrayBuffer> {
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(end - start);
    await handle.read(bytes, 0, bytes.length, start);
    return bytes.buffer;
  } finally {
    await handle.close();
  }
}

function gunzippedSourceFromPath(path: string, size: number): ImportSource {
  let compressed = 0;
  return {
    name: basename(path),
    size,
    async *chunks() {
      compressed = 0;
      const file = createReadStream(path, { highWaterMark: 1 << 20 });
      file.on('data', (chunk) => (compressed += chunk.length));
      const unpacked = file.pipe(createGunzip({ chunkSize: 1 << 20 }));
      file.on('error', (e) => unpacked.destroy(e));
      try {
        for await (const chunk of unpacked) yield chunk as Buffer;
      } finally {
        file.destroy();
        unpacked.destroy();
      }
    },
    bytesRead: () => compressed,
  };
}
