// .gz of any supported text, read as it streams through DecompressionStream (the page, the worker and Node all have
// it), so a 10x compressed export never sits unpacked in memory. Progress counts compressed bytes, as the file's
// size does.

import type { ImportSource } from './importTypes';

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** "events.csv.gz" → "events.csv", so role and action guesses from the name still work. */
export function nameWithoutGz(name: string): string {
  return name.replace(/\.gz$/i, '');
}

/** A source that yields the unpacked bytes of a gzip source. */
export function gunzipSource(source: ImportSource): ImportSource {
  let counter = { read: 0 };
  return {
    name: nameWithoutGz(source.name),
    size: source.size,
    chunks() {
      counter = { read: 0 };
      return gunzipChunks(source, counter);
    },
    bytesRead: () => counter.read,
  };
}

async function* gunzipChunks(source: ImportSource, counter: { read: number }): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let failed: unknown = null;
  // Feeds the compressed chunks while the loop below drains the output; stops when the reader is cancelled.
  const feeding = (async () => {
    try {
      for await (const chunk of source.chunks()) {
        counter.read += chunk.length;
        await writer.write(chunk as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (e) {
      failed = e;
    }
  })();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    await feeding;
    if (failed) throw failed;
  } finally {
    await reader.cancel().catch(() => undefined);
    await writer.abort().catch(() => undefined);
  }
}
