import net from 'node:net';

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Tests run against real Postgres and NATS: DATABASE_URL / NATS_URL when set, else the machine's
 * own on the default ports, else containers started with testcontainers (where an engine exists).
 */
export default async function globalSetup() {
  if (!process.env.DATABASE_URL && !(await answers('127.0.0.1', 5432))) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:16-alpine').start();
    process.env.DATABASE_URL = pg.getConnectionUri();
    globalThis.__CIVITAS_CONTAINERS__ = [...(globalThis.__CIVITAS_CONTAINERS__ ?? []), pg];
  }
  if (!process.env.NATS_URL && !(await answers('127.0.0.1', 4222))) {
    const { NatsContainer } = await import('@testcontainers/nats');
    const nats = await new NatsContainer('nats:2.10').withJetStream().start();
    process.env.NATS_URL = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
    globalThis.__CIVITAS_CONTAINERS__ = [...(globalThis.__CIVITAS_CONTAINERS__ ?? []), nats];
  }
}
