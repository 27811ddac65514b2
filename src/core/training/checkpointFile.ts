// A checkpoint as two files' worth of bytes for the CLI's --out folder: JSON with every typed array replaced by a
// reference into one binary blob (float32 / int32, little-endian as the platform writes them), and back.

import type { TrainingCheckpoint } from './checkpoint';

export interface EncodedCheckpoint {
  json: string;
  data: Uint8Array;
}

interface ArrayRef {
  $array: 'f32' | 'i32';
  offset: number;
  length: number;
}

export function encodeCheckpoint(c: TrainingCheckpoint): EncodedCheckpoint {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const json = JSON.stringify(c, (_key, value: unknown) => {
    if (value instanceof Float32Array || value instanceof Int32Array) {
      const ref: ArrayRef = {
        $array: value instanceof Float32Array ? 'f32' : 'i32',
        offset,
        length: value.length,
      };
      chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      offset += value.byteLength;
      return ref;
    }
    // JSON has no Infinity (the keeper's best loss before any epoch)
    if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
    return value;
  });
  const data = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.length;
  }
  return { json, data };
}

export function decodeCheckpoint(json: string, data: Uint8Array): TrainingCheckpoint {
  const parsed = JSON.parse(json, (_key, value: unknown) => {
    if (isRecord(value) && (value.$array === 'f32' || value.$array === 'i32')) {
      const { offset, length } = value as unknown as ArrayRef;
      const end = offset + length * 4;
      if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || end > data.length)
        throw new Error(
          `The checkpoint's data file is shorter than its index says (needs ${end} bytes, has ${data.length}): it is damaged or from another run.`,
        );
      // copy into a fresh buffer: the slice is then aligned for the typed array
      const bytes = data.slice(offset, end);
      return value.$array === 'f32' ? new Float32Array(bytes.buffer) : new Int32Array(bytes.buffer);
    }
    if (isRecord(value) && typeof value.$number === 'string') return Number(value.$number);
    return value;
  }) as TrainingCheckpoint;
  if (!isRecord(parsed) || parsed.format !== 1)
    throw new Error('The checkpoint file is not a Tag Lab training checkpoint (format 1).');
  return parsed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
