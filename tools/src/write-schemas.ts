import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { HEADER_GATEWAY_SECRET } from '@civitas/contracts';
import pg from 'pg';
import { BACKEND_SERVICES, launchPlatform } from './platform/launch-platform.js';
import { findRepoRoot } from './platform/repo-root.js';
import { composeSupergraph, CompositionError } from './schema/compose-supergraph.js';
import { readSubgraphSdls, schemaFileOf, supergraphFileOf } from './schema/subgraph-files.js';
import { writeWebOperationTypes } from './schema/web-operation-types.js';

/**
 * `npm run schema`: boots the five services on throwaway databases, writes the SDL each serves to
 * `services/<name>/schema.graphql`, then composes them into `gateway/supergraph.graphql`.
 * `npm run schema -- --compose-only` skips the first step. Last, it regenerates the web app's
 * operation types from the new supergraph (`npm run codegen`, docs/adr/0095).
 */
async function writeSubgraphSchemas(root: string): Promise<void> {
  const run = `civitas_schema_${randomBytes(3).toString('hex')}`;
  process.stdout.write('starting the services on throwaway databases to read their schemas...\n');
  const platform = await launchPlatform({
    rootDir: root,
    withoutGateway: true,
    quiet: true,
    ephemeralSecrets: true,
    databasePrefix: run,
    busNamespace: run.replace(/_/g, '-'),
    ports: Object.fromEntries(BACKEND_SERVICES.map((s) => [s, 0])),
    logLevel: 'warn',
  });
  try {
    for (const service of BACKEND_SERVICES) {
      const res = await fetch(platform.serviceUrl(service), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HEADER_GATEWAY_SECRET]: platform.secrets.GATEWAY_SECRET,
        },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = (await res.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
      if (!body.data) {
        throw new Error(`${service} did not serve its SDL: ${JSON.stringify(body.errors)}`);
      }
      const target = schemaFileOf(root, service);
      writeFileSync(target, `${body.data._service.sdl.trim()}\n`);
      process.stdout.write(`wrote ${relative(root, target)}\n`);
    }
  } finally {
    // Services first, then their throwaway databases while Postgres still runs, then the rest.
    await Promise.all(BACKEND_SERVICES.map((service) => platform.stopService(service, 'SIGTERM')));
    const admin = new pg.Client({ connectionString: platform.databaseUrl });
    await admin.connect();
    try {
      for (const service of BACKEND_SERVICES) {
        await admin.query(`DROP DATABASE IF EXISTS "${run}_${service}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
      await platform.stop();
    }
  }
}

async function main(): Promise<number> {
  const root = findRepoRoot();
  try {
    if (!process.argv.includes('--compose-only')) {
      await writeSubgraphSchemas(root);
    }
    const supergraph = composeSupergraph(readSubgraphSdls(root));
    const target = supergraphFileOf(root);
    writeFileSync(target, supergraph.endsWith('\n') ? supergraph : `${supergraph}\n`);
    process.stdout.write(`wrote ${relative(root, target)}\n`);
    process.stdout.write(`wrote ${await writeWebOperationTypes(root)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(
      `${error instanceof CompositionError ? error.message : `schema: ${(error as Error).message}`}\n`,
    );
    return 1;
  }
}

process.exitCode = await main();
