// SQL generation: the lab's rules and feature aggregation for warehouse engines (DuckDB, Spark).

export { SQL_DIALECTS, sqlDialect, type SqlDialect, type SqlDialectName } from './dialect';
export { buildLabelsSql, type LabelsSqlOptions } from './labelsSql';
export { buildFeaturesSql, type FeaturesSqlOptions } from './featuresSql';
export { buildRawLayoutView, RAW_LAYOUTS, type RawLayout, type RawViewOptions } from './rawLayoutViews';
