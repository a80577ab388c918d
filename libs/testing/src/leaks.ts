import { execFile } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { queryRows } from './test-database.js';

const run = promisify(execFile);

/** The whole database as `pg_dump` writes it (schema and data, plain SQL). */
export async function pgDump(databaseUrl: string): Promise<string> {
  const { stdout } = await run(
    'pg_dump',
    ['--no-owner', '--no-privileges', '--dbname', databaseUrl],
    {
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
  return stdout;
}

/**
 * What the Postgres server writes to its log from now on, for "no personal data in the database
 * log" checks. The server is shared by every test run on the machine, so a check reads only what
 * was appended after `start` and looks for values only its own test used.
 *
 * Found as the server names it (`pg_current_logfile()`, read with `pg_read_file`, when the
 * logging collector runs), else Debian's `/var/log/postgresql/postgresql-<cluster>.log` when the
 * server is on this machine. `undefined` when neither is readable (a server in a container):
 * the caller says the server log was not checked.
 */
export interface ServerLogSlice {
  /** Where the log was read. */
  readonly source: string;
  /** Everything appended since the slice was started. */
  read(): Promise<string>;
}

export async function startServerLogSlice(
  databaseUrl: string,
): Promise<ServerLogSlice | undefined> {
  const [settings] = await queryRows<{ logfile: string | null; cluster: string }>(
    databaseUrl,
    "SELECT pg_current_logfile() AS logfile, current_setting('cluster_name') AS cluster",
  );
  if (settings.logfile) {
    const path = settings.logfile;
    const size = async () =>
      Number(
        (
          await queryRows<{ size: string }>(databaseUrl, 'SELECT (pg_stat_file($1)).size AS size', [
            path,
          ])
        )[0].size,
      );
    const from = await size();
    return {
      source: `pg_read_file(${path})`,
      read: async () => {
        const to = await size();
        if (to <= from) {
          return '';
        }
        const rows = await queryRows<{ text: string }>(
          databaseUrl,
          'SELECT pg_read_file($1, $2, $3) AS text',
          [path, from, to - from],
        );
        return rows[0].text;
      },
    };
  }
  const host = new URL(databaseUrl).hostname;
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host);
  const path = `/var/log/postgresql/postgresql-${settings.cluster.replace('/', '-')}.log`;
  if (!local || !settings.cluster || !existsSync(path)) {
    return undefined;
  }
  const from = statSync(path).size;
  return {
    source: path,
    read: () => {
      const to = statSync(path).size;
      if (to <= from) {
        return Promise.resolve('');
      }
      const buffer = Buffer.alloc(to - from);
      const fd = openSync(path, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, from);
      } finally {
        closeSync(fd);
      }
      return Promise.resolve(buffer.toString('utf8'));
    },
  };
}
