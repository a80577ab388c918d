import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureNats } from './nats.js';
import { findRepoRoot } from './repo-root.js';

describe('npm start on a NATS server it did not start (docs/adr/0046)', () => {
  let server: Server;
  let port: number;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'civitas-nats-'));
    // Anything answering on the port is a server someone else started.
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('uses it, gives the services no users, and says plainly that their permissions are not applied', async () => {
    const lines: string[] = [];
    const nats = await ensureNats(undefined, dataDir, (_name, line) => lines.push(line), {
      port,
      rootDir: findRepoRoot(),
      namespace: '',
    });
    expect(nats).toEqual({ url: `nats://127.0.0.1:${port}` });
    const said = lines.join('\n');
    expect(said).toContain(`using the NATS server already on nats://127.0.0.1:${port}`);
    expect(said).toContain('per-service NATS permissions are NOT applied');
    expect(said).toContain('npm run --silent nats:config');
  });
});
