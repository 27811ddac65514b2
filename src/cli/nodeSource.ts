// Node-only import source: a file on disk read as a stream of byte chunks.

import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportSource } from '../core/events';

export function sourceFromPath(path: string): ImportSource {
  const size = statSync(path).size;
  return {
    name: basename(path),
    size,
    async *chunks() {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    },
  };
}
