// The few places where DuckDB and Spark SQL differ for the generated queries (docs/SQL.md lists each one): identifier
// quoting, the string type, date arithmetic and the small period tables. Everything else is shared text.

export type SqlDialectName = 'duckdb' | 'spark';

export interface SqlDialect {
  name: SqlDialectName;
  /** quotes an identifier (column or table name part) */
  quote(identifier: string): string;
  /** the string type for casts */
  stringType: string;
  /** the DATE `months` calendar months before the DATE expression `date` (day of month clamped to the month's end) */
  monthsBefore(date: string, months: string): string;
  /** the DATE one day after the DATE expression `date` */
  dayAfter(date: string): string;
  /** the DATE `days` days before the DATE expression `date` */
  daysBefore(date: string, days: number): string;
  /** whole days from the DATE `from` to the DATE `to` (to − from) */
  daysBetween(from: string, to: string): string;
  /** a one-column table `period` holding 0 … n − 1 */
  periodTable(n: number): string;
  /** the clause that hands rows out grouped by user, as the streaming scorer needs */
  groupByUserClause(orderColumns: string): string;
}

const duckdb: SqlDialect = {
  name: 'duckdb',
  quote: (id) => `"${id.replace(/"/g, '""')}"`,
  stringType: 'VARCHAR',
  monthsBefore: (date, months) => `CAST(${date} - to_months(${months}) AS DATE)`,
  dayAfter: (date) => `CAST(${date} + INTERVAL 1 DAY AS DATE)`,
  daysBefore: (date, days) => `CAST(${date} - INTERVAL ${days} DAY AS DATE)`,
  daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
  periodTable: (n) => `SELECT CAST(range AS INTEGER) AS period FROM range(${n})`,
  groupByUserClause: (order) => `ORDER BY ${order}`,
};

const spark: SqlDialect = {
  name: 'spark',
  quote: (id) => `\`${id.replace(/`/g, '``')}\``,
  stringType: 'STRING',
  monthsBefore: (date, months) => `add_months(${date}, -(${months}))`,
  dayAfter: (date) => `date_add(${date}, 1)`,
  daysBefore: (date, days) => `date_sub(${date}, ${days})`,
  daysBetween: (from, to) => `datediff(${to}, ${from})`,
  periodTable: (n) => `SELECT explode(sequence(0, ${n - 1})) AS period`,
  // A global ORDER BY funnels every row through one task; per-partition order is all RDD.pipe needs.
  groupByUserClause: (order) => `DISTRIBUTE BY user_id SORT BY ${order}`,
};

export const SQL_DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = { duckdb, spark };

export function sqlDialect(name: string): SqlDialect {
  const dialect = (SQL_DIALECTS as Record<string, SqlDialect | undefined>)[name];
  if (!dialect) throw new Error(`Unknown SQL dialect "${name}"; use duckdb or spark.`);
  return dialect;
}

/**
 * A SQL string literal. DuckDB doubles a quote; Spark reads backslash escapes (and would glue 'a''b' into "ab"), so
 * there a backslash and a quote are escaped with a backslash.
 */
export function sqlString(dialect: SqlDialect, value: string): string {
  if (dialect.name === 'spark') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A table name as given (`db.events`), each dotted part quoted. */
export function sqlTable(dialect: SqlDialect, table: string): string {
  return table
    .split('.')
    .map((part) => dialect.quote(part))
    .join('.');
}

/** A DATE literal from an ISO date (already validated by the caller). */
export function sqlDate(iso: string): string {
  return `DATE '${iso}'`;
}
