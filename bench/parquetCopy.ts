// The benchmark's event CSV written again as Parquet the way a warehouse types it (timestamps, integer counts,
// strings), by hyparquet-writer, so the CSV and Parquet imports read exactly the same events.

import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { parquetWriteBuffer } from 'hyparquet-writer';

export async function writeParquetCopy(csvPath: string, parquetPath: string): Promise<void> {
  const rows = Papa.parse<string[]>(readFileSync(csvPath, 'utf8'), { skipEmptyLines: true }).data.slice(1);
  const column = (j: number) => rows.map((r) => r[j]);
  const buffer = parquetWriteBuffer({
    rowGroupSize: 100_000,
    columnData: [
      { name: 'user_id', data: column(0), type: 'STRING' },
      { name: 'category', data: column(1), type: 'STRING' },
      { name: 'time', data: rows.map((r) => new Date(r[2])), type: 'TIMESTAMP' },
      { name: 'action', data: column(3), type: 'STRING' },
      { name: 'count', data: Int32Array.from(rows, (r) => Number(r[4])), type: 'INT32' },
    ],
  });
  writeFileSync(parquetPath, new Uint8Array(buffer));
}
