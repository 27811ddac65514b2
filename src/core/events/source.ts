// Import sources that run everywhere the core runs: a Blob (page and worker, Node 20) or an in-memory text.
// The Node-only file source lives in src/cli/nodeSource.ts.

import type { ImportSource } from './importTypes';

export function sourceFromBlob(blob: Blob, name: string): ImportSource {
  return {
    name,
    size: blob.size,
    chunks: () => readStream(blob.stream()),
    slice: (start, end) => blob.slice(start, end).arrayBuffer(),
  };
}

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops the underlying read when the consumer leaves early (the sniff reads only the head).
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** A text as a source, cut into `chunkSize`-byte chunks so tests can place chunk boundaries where they like. */
export function sourceFromText(name: string, text: string, chunkSize = 64 * 1024): ImportSource {
  return sourceFromBytes(name, new TextEncoder().encode(text), chunkSize);
}

export function sourceFromBytes(name: string, bytes: Uint8Array, chunkSize = 64 * 1024): ImportSource {
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    },
    slice: async (start, end) => bytes.slice(start, end).buffer,
  };
}

/** The first `limit` bytes of a source (fewer when the file is shorter). */
export async function readHead(source: ImportSource, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source.chunks()) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= limit) break;
  }
  const head = new Uint8Array(Math.min(length, limit));
  let at = 0;
  for (const p of parts) {
    const take = Math.min(p.length, head.length - at);
    head.set(p.subarray(0, take), at);
    at += take;
    if (at === head.length) break;
  }
  return head;
}
