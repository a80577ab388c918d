import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Role } from '@civitas/contracts';
import { isValidTimeZone } from './import/dates.js';
import { GatewayClient } from './import/gateway-client.js';
import { IMPORT_USAGE, ImportArgsError, parseImportArgs } from './import/import-args.js';
import { formatSummary, runImport } from './import/importer.js';
import { defaultMappingPath, loadMappingFile, MappingError } from './import/mapping.js';
import { readDevSecrets } from './platform/dev-secrets.js';
import { findRepoRoot } from './platform/repo-root.js';
import { devTokenRefusal, signDevToken } from './token/dev-token.js';

/**
 * `npm run import -- --format nyc311 FILE...`: legacy history into Civitas through the gateway.
 * Exit codes: 0 imported (rejected rows are reported, not failures), 1 stopped early, 2 usage.
 */
async function main(): Promise<number> {
  const root = findRepoRoot();
  let args;
  let mapping;
  try {
    args = parseImportArgs(process.argv.slice(2));
    for (const path of args.paths) {
      if (!existsSync(path) || !statSync(path).isFile()) {
        throw new ImportArgsError(`${path}: no such file`);
      }
    }
    mapping = loadMappingFile(args.mappingPath ?? defaultMappingPath(root, args.format));
    if (args.sourceSystem) {
      mapping = { ...mapping, sourceSystem: args.sourceSystem };
    }
    if (args.timeZone) {
      if (!isValidTimeZone(args.timeZone)) {
        throw new ImportArgsError(
          `--timezone "${args.timeZone}" is not an IANA time zone (e.g. America/New_York)`,
        );
      }
      mapping = { ...mapping, timeZone: args.timeZone };
    }
  } catch (error) {
    if (error instanceof ImportArgsError || error instanceof MappingError) {
      process.stderr.write(`import: ${error.message}\n${IMPORT_USAGE}\n`);
      return 2;
    }
    throw error;
  }
  let token = args.token;
  if (!token) {
    const storedKey = readDevSecrets(join(root, '.data'))?.AUTH_DEV_SIGNING_KEY;
    const refusal = devTokenRefusal(process.env, storedKey);
    if (refusal) {
      process.stderr.write(`import: no --token given, and ${refusal}\n`);
      return 2;
    }
    token = await signDevToken(
      { roles: [Role.Admin], sub: 'dev-import', departments: [], expiresIn: '8h' },
      process.env.AUTH_DEV_SIGNING_KEY || (storedKey as string),
      { issuer: process.env.AUTH_ISSUER, audience: process.env.AUTH_AUDIENCE },
    );
  }
  const reportPath = resolve(
    args.reportPath ??
      join(
        root,
        '.data',
        'imports',
        `import-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
      ),
  );
  process.stderr.write(
    `Importing ${args.paths.length} ${args.format} file(s) as "${mapping.sourceSystem}" through ${args.gatewayUrl}\n`,
  );
  const summary = await runImport({
    format: args.format,
    mapping,
    paths: args.paths,
    sender: new GatewayClient(args.gatewayUrl, token),
    reportPath,
    batchSize: args.batchSize,
    concurrency: args.concurrency,
  });
  process.stdout.write(`${formatSummary(summary)}\n`);
  return summary.aborted ? 1 : 0;
}

process.exitCode = await main();
