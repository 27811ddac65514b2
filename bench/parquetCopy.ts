// The benchmark's event CSV written again as Parquet the way a warehouse writes it: DuckDB's COPY with its defaults
// (data pages V1, Snappy, row groups of 122,880 rows, dictionary encoding where a chunk's distinct values are few:
// categories, actions, counts; user ids and timestamps plain), typed as a warehouse types them (TIMESTAMP, INTEGER,
// VARCHAR). The CSV and Parquet imports read exactly the same events; nothing is arranged to make the file easy.

import { DuckDBInstance } from '@duckdb/node-api';

export async function writeParquetCopy(csvPath: string, parquetPath: string): Promise<void> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const columns = `{'user_id': 'VARCHAR', 'category': 'VARCHAR', 'time': 'VARCHAR', 'action': 'VARCHAR', 'count': 'VARCHAR'}`;
    await connection.run(
      `COPY (SELECT user_id, category, CAST(time AS TIMESTAMP) AS time, action, CAST(count AS INTEGER) AS count
          FROM read_csv('${csvPath}', header = true, columns = ${columns}))
        TO '${parquetPath}' (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
  }
}
