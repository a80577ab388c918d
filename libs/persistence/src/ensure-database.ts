import pg from 'pg';

/** The URL of `database` on the server that `serverUrl` points at. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database when missing; safe when several processes race to do it. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new Error(`Refusing to create database with unsafe name "${database}"`);
  }
  const admin = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await admin.query(`CREATE DATABASE "${database}"`);
      } catch (error) {
        // 42P04 duplicate_database, 23505: another process created it between our check and ours.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') {
          throw error;
        }
      }
    }
  } finally {
    await admin.end();
  }
}
