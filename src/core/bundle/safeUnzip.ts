// Reads a dropped zip without trusting it: every entry name and declared size is checked from the central directory
// before a byte is inflated, and inflation stops as soon as an entry grows past what it declared, so a zip bomb is
// refused without being inflated to find out. Bundles are four small files; anything that looks otherwise is refused.

import { Inflate } from 'fflate';
import { BundleError } from './errors';

/** A bundle holds four files; a zipped folder may add a folder entry and macOS metadata. */
export const MAX_ZIP_ENTRIES = 64;
/** Per entry: far past any model the tab can train (weights of a dual LSTM at C = 2,000 are a few MB). */
export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
/** All entries together. */
export const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;
/** Deflate reaches ~1,000:1 only on degenerate data; JSON and weights stay far below 100:1 (the ratio Apache POI uses). */
export const MAX_INFLATE_RATIO = 100;
/** Small entries (a tiny JSON of zeros) may compress further without harm. */
const RATIO_FREE_BYTES = 1024 * 1024;
/** Compressed bytes handed to the inflater at a time: at most ~1,000× this is produced before the count is checked. */
const INFLATE_SLICE = 16 * 1024;

const SIG_END = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) =>
  (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;

const damaged = (what: string) =>
  new BundleError(`The zip archive is damaged or incomplete (${what}). Export the bundle again.`);

function findEndRecord(bytes: Uint8Array): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) if (u32(bytes, at) === SIG_END) return at;
  throw damaged('no end of central directory');
}

function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const end = findEndRecord(bytes);
  const count = u16(bytes, end + 10);
  if (count > MAX_ZIP_ENTRIES) {
    throw new BundleError(
      `The zip holds ${count} entries; a Tag Lab bundle holds 4 (model.json, weights.bin, tag-lab.json, README.md). ` +
        'Drop the bundle .zip that Tag Lab exported.',
    );
  }
  const entries: ZipEntry[] = [];
  let at = u32(bytes, end + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== SIG_CENTRAL)
      throw damaged('central directory cut short');
    const nameLength = u16(bytes, at + 28);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      name: new TextDecoder().decode(nameBytes),
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** Why an entry name could write outside the folder it is unpacked into, or null when it cannot. */
export function unsafeEntryNameReason(name: string): string | null {
  if (name.includes('\\')) return 'it holds a backslash';
  if (name.startsWith('/')) return 'it is an absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'it starts with a drive letter';
  if (name.split('/').includes('..')) return 'it climbs out of the folder with ".."';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'it holds control characters';
  return null;
}

function checkEntry(entry: ZipEntry): void {
  const shown = JSON.stringify(entry.name);
  const unsafe = unsafeEntryNameReason(entry.name);
  if (unsafe) {
    throw new BundleError(
      `The zip holds an entry named ${shown}, which is refused because ${unsafe} (a path-traversal name). ` +
        'Nothing was loaded. Tag Lab bundles hold plain file names only: export the bundle again.',
    );
  }
  if (entry.flags & 1)
    throw new BundleError(`The zip entry ${shown} is encrypted; Tag Lab bundles never are.`);
  if (entry.size === ZIP64_MARK || entry.compressedSize === ZIP64_MARK || entry.localOffset === ZIP64_MARK) {
    throw new BundleError(
      `The zip entry ${shown} uses Zip64 sizes; a Tag Lab bundle is far smaller than 4 GB.`,
    );
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new BundleError(
      `The zip entry ${shown} uses compression method ${entry.method}; only stored and deflated entries are read.`,
    );
  }
  if (entry.method === 0 && entry.size !== entry.compressedSize)
    throw damaged(`stored entry ${shown} has two sizes`);
  if (entry.size > MAX_ENTRY_BYTES) {
    throw new BundleError(
      `The zip entry ${shown} would unpack to ${entry.size} bytes, past the ${MAX_ENTRY_BYTES}-byte limit for one file. ` +
        'Nothing was inflated. This is not a bundle Tag Lab can have exported.',
    );
  }
  const ratio = entry.size / Math.max(1, entry.compressedSize);
  if (entry.size > RATIO_FREE_BYTES && ratio > MAX_INFLATE_RATIO) {
    throw new BundleError(
      `The zip entry ${shown} would inflate ${Math.round(ratio)}-fold (${entry.compressedSize} → ${entry.size} bytes), ` +
        `past the ${MAX_INFLATE_RATIO}:1 limit: it looks like a zip bomb. Nothing was inflated.`,
    );
  }
}

function dataStart(bytes: Uint8Array, entry: ZipEntry): number {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== SIG_LOCAL)
    throw damaged(`no local header for ${JSON.stringify(entry.name)}`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length)
    throw damaged(`${JSON.stringify(entry.name)} is cut short`);
  return start;
}

/** Inflates in slices, stopping the moment the output passes the size the entry declared. */
function inflateBounded(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > out.length) {
      throw new BundleError(
        `The zip entry ${JSON.stringify(entry.name)} inflates past the ${entry.size} bytes it declares: ` +
          'refused as a zip bomb or a forged archive, and inflating was stopped. Nothing was loaded.',
      );
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += INFLATE_SLICE) {
      const last = at + INFLATE_SLICE >= data.length;
      inflater.push(data.subarray(at, at + INFLATE_SLICE), last);
      if (last) break;
    }
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw damaged(`${JSON.stringify(entry.name)}: ${(e as Error).message}`);
  }
  if (written !== entry.size)
    throw damaged(`${JSON.stringify(entry.name)} holds ${written} bytes, not the ${entry.size} it declares`);
  return out;
}

/**
 * The files of a zip by name, after every name and declared size has been checked. Folder entries are skipped.
 * Throws a BundleError that says what is wrong; nothing is returned for an archive with any refused entry.
 */
export function unzipSafely(bytes: Uint8Array): Record<string, Uint8Array> {
  const entries = readCentralDirectory(bytes);
  entries.forEach(checkEntry);
  const names = new Set<string>();
  for (const { name } of entries) {
    if (names.has(name))
      throw new BundleError(
        `The zip holds two entries named ${JSON.stringify(name)}; which one is meant cannot be told.`,
      );
    names.add(name);
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_TOTAL_BYTES) {
    throw new BundleError(
      `The zip would unpack to ${total} bytes in all, past the ${MAX_TOTAL_BYTES}-byte limit. Nothing was inflated.`,
    );
  }
  const files: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const start = dataStart(bytes, entry);
    const data = bytes.subarray(start, start + entry.compressedSize);
    files[entry.name] = entry.method === 0 ? data.slice() : inflateBounded(data, entry);
  }
  return files;
}
