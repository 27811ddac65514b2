// The first bytes of a file as text: refuses binary files with a message that says what they look like,
// falls back to Windows-1252 when the bytes are not UTF-8, and drops the BOM and the cut-off last line.

export type TextEncodingName = 'utf-8' | 'windows-1252';

export type HeadText =
  { ok: true; text: string; encoding: TextEncodingName; complete: boolean } | { ok: false; reason: string };

const MAGIC: readonly { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'it looks like a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'it looks like a JPEG image' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'it looks like a zip archive or an Excel .xlsx workbook' },
  { bytes: [0x1f, 0x8b], what: 'it looks like a gzip-compressed file; unpack it first' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'it looks like a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'it looks like an old Excel .xls workbook' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'it looks like a Parquet file' },
];

/** What a binary head looks like, or null when it reads as text. */
export function describeBinary(head: Uint8Array): string | null {
  for (const m of MAGIC) if (m.bytes.every((b, i) => head[i] === b)) return m.what;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return 'it contains zero bytes, which text files never do';
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > head.length / 100 ? 'it is mostly control characters, not text' : null;
}

/** Decodes the head of a file; `complete` tells whether the head is the whole file. */
export function decodeHead(head: Uint8Array, fileSize: number): HeadText {
  const binary = describeBinary(head);
  if (binary) return { ok: false, reason: binary };
  const complete = head.length >= fileSize;
  let encoding: TextEncodingName = 'utf-8';
  let text: string;
  try {
    // stream: true so a character cut at the end of the head is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    encoding = 'windows-1252';
    text = new TextDecoder('windows-1252').decode(head);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!complete) {
    const lastNewline = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastNewline > 0) text = text.slice(0, lastNewline);
  }
  return { ok: true, text, encoding, complete };
}
