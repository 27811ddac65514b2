// A Parquet file whose string columns switch from dictionary to plain encoding in the middle of a column chunk, as
// parquet-mr and pyarrow write them when a dictionary outgrows its page limit: a dictionary page, dictionary-encoded
// data pages for the first rows, then plain pages. hyparquet-writer decides once per chunk, so its own page writers
// (and its metadata writer) are put together here, page by page.

import { ByteWriter } from 'hyparquet-writer';
import { writeDataPageV2 } from 'hyparquet-writer/src/datapage.js';
import { writeDictionaryPage } from 'hyparquet-writer/src/dictionary.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import type { ColumnChunk, SchemaElement } from 'hyparquet';

/** Optional UTF-8 columns (null: a null cell), one row group; rows from `plainFrom` on are written plainly. */
export function writeSwitchingParquet(
  columns: { name: string; values: (string | null)[] }[],
  plainFrom: number,
  pageRows = 1_000,
): Uint8Array {
  const writer = new ByteWriter();
  writer.appendUint32(0x31524150); // PAR1
  const rows = columns[0].values.length;
  const root: SchemaElement = { name: 'schema', num_children: columns.length };
  const elements: SchemaElement[] = columns.map(({ name }) => ({
    name,
    type: 'BYTE_ARRAY',
    converted_type: 'UTF8',
    repetition_type: 'OPTIONAL',
  }));
  const chunks: ColumnChunk[] = columns.map(({ name, values }, j) => {
    const element = elements[j];
    const column = {
      columnName: name,
      element,
      schemaPath: [root, element],
      codec: 'SNAPPY' as const,
      compressors: { SNAPPY: snappyCompress },
      stats: false,
      pageSize: 1 << 20,
      columnIndex: false,
      offsetIndex: false,
    };
    const start = writer.offset;
    const head = values.slice(0, plainFrom);
    const dictionary = [...new Set(head.filter((v) => v !== null))];
    const encoder = new TextEncoder();
    writeDictionaryPage(
      writer,
      column,
      dictionary.map((v) => encoder.encode(v)),
    );
    const dataStart = writer.offset;
    const index = new Map(dictionary.map((v, k) => [v, k]));
    for (let from = 0; from < rows;) {
      const to = Math.min(from + pageRows, from < plainFrom ? plainFrom : rows);
      const page = values.slice(from, to);
      const dictionaryEncoded = from < plainFrom;
      writeDataPageV2({
        writer,
        column,
        encoding: dictionaryEncoded ? 'RLE_DICTIONARY' : 'PLAIN',
        pageData: {
          values: dictionaryEncoded
            ? page.map((v) => (v === null ? null : index.get(v)!))
            : page.map((v) => (v === null ? null : encoder.encode(v))),
          definitionLevels: page.map((v) => (v === null ? 0 : 1)),
          repetitionLevels: [],
          maxDefinitionLevel: 1,
        },
      });
      from = to;
    }
    return {
      file_offset: BigInt(start),
      meta_data: {
        type: 'BYTE_ARRAY',
        encodings: ['PLAIN', 'RLE', 'RLE_DICTIONARY'],
        path_in_schema: [name],
        codec: 'SNAPPY',
        num_values: BigInt(rows),
        total_compressed_size: BigInt(writer.offset - start),
        total_uncompressed_size: BigInt(writer.offset - start),
        data_page_offset: BigInt(dataStart),
        dictionary_page_offset: BigInt(start),
      },
    };
  });
  writeMetadata(writer, {
    version: 2,
    created_by: 'tag-lab test (dictionary then plain)',
    schema: [root, ...elements],
    num_rows: BigInt(rows),
    row_groups: [{ columns: chunks, total_byte_size: BigInt(writer.offset), num_rows: BigInt(rows) }],
    metadata_length: 0,
  });
  writer.appendUint32(0x31524150);
  return new Uint8Array(writer.getBuffer());
}
