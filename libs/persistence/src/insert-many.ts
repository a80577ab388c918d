import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export interface InsertManyOptions {
  /** `ON CONFLICT DO NOTHING`: rows that clash with a unique key are skipped. */
  skipConflicts?: boolean;
  /** A column (database name) to return for the rows actually inserted. */
  returning?: string;
}

/**
 * Inserts many entities in one statement whose size does not grow with the row count:
 * `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)`, one array parameter per column,
 * columns and types taken from the entity's TypeORM metadata. TypeORM's own multi-row insert
 * binds one parameter per value and slows down quadratically past a few thousand (measured in
 * bench/import). Every column must be given a value (null where nullable): defaults do not apply.
 */
export async function insertMany<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  rows: readonly E[],
  options: InsertManyOptions = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) {
    return [];
  }
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.filter((c) => !c.isVirtual && !c.isGenerated);
  const driver = manager.connection.driver;
  const casts: string[] = [];
  const values: unknown[][] = [];
  for (const [i, column] of columns.entries()) {
    casts.push(`$${i + 1}::${driver.normalizeType(column)}[]`);
    values.push(
      rows.map((row) => {
        const value: unknown = column.getEntityValue(row);
        if (value === undefined) {
          throw new Error(`insertMany(${metadata.tableName}): no value for ${column.propertyName}`);
        }
        // node-postgres would write a JS array inside an array parameter as a nested array.
        return column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value;
      }),
    );
  }
  const sql =
    `INSERT INTO ${metadata.tableName} (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) ` +
    `SELECT * FROM unnest(${casts.join(', ')})` +
    (options.skipConflicts ? ' ON CONFLICT DO NOTHING' : '') +
    (options.returning ? ` RETURNING "${options.returning}"` : '');
  return (await manager.query(sql, values)) as Record<string, unknown>[];
}
