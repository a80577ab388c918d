import { FORMATS, type FormatName } from './mapping.js';

export interface ImportArgs {
  format: FormatName;
  mappingPath?: string;
  sourceSystem?: string;
  timeZone?: string;
  paths: string[];
  gatewayUrl: string;
  token?: string;
  reportPath?: string;
  batchSize: number;
  concurrency: number;
}

export class ImportArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportArgsError';
  }
}

export const IMPORT_USAGE = `usage: npm run import -- --format <${FORMATS.join('|')}> [--mapping FILE] [options] PATH...
  --mapping FILE        categories/statuses/time zone (default: tools/mappings/<format>.json)
  --source-system NAME  overrides the mapping's sourceSystem (with each row's id, what makes re-runs no-ops)
  --timezone ZONE       overrides the mapping's time zone for times written without an offset
  --gateway URL         default http://127.0.0.1:4000/graphql
  --token TOKEN         an admin or integration bearer token (default: a development admin token)
  --report FILE         where every rejection is written (default .data/imports/import-<time>.csv)
  --batch-size N        records per request (default 500)
  --concurrency N       requests in flight (default 3)`;

/** `--format nyc311 --mapping m.json a.csv b.csv` (also `--format=nyc311`). */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const args = argv.flatMap((arg) =>
    arg.startsWith('--') && arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg],
  );
  const paths: string[] = [];
  let format: string | undefined;
  const out: Partial<ImportArgs> = {};
  let batchSize = 500;
  let concurrency = 3;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) {
        throw new ImportArgsError(`${flag} needs a value`);
      }
      return next;
    };
    const positive = (max: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) {
        throw new ImportArgsError(`${flag} must be a whole number from 1 to ${max}, not "${v}"`);
      }
      return n;
    };
    switch (flag) {
      case '--format':
        format = value();
        break;
      case '--mapping':
        out.mappingPath = value();
        break;
      case '--source-system':
        out.sourceSystem = value();
        break;
      case '--timezone':
        out.timeZone = value();
        break;
      case '--gateway':
        out.gatewayUrl = value();
        break;
      case '--token':
        out.token = value();
        break;
      case '--report':
        out.reportPath = value();
        break;
      case '--batch-size':
        batchSize = positive(1000);
        break;
      case '--concurrency':
        concurrency = positive(16);
        break;
      default:
        if (flag.startsWith('--')) {
          throw new ImportArgsError(`Unknown argument "${flag}"`);
        }
        paths.push(flag);
    }
  }
  if (!format) {
    throw new ImportArgsError(`--format is required: ${FORMATS.join(', ')}`);
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ImportArgsError(`Unknown format "${format}". Formats: ${FORMATS.join(', ')}`);
  }
  if (paths.length === 0) {
    throw new ImportArgsError('Give at least one file to import');
  }
  return {
    ...out,
    format: format as FormatName,
    paths,
    gatewayUrl: out.gatewayUrl ?? 'http://127.0.0.1:4000/graphql',
    batchSize,
    concurrency,
  };
}
