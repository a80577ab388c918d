import type { Server } from 'node:http';

/**
 * Says where this process listens, as one JSON line on stdout whatever LOG_LEVEL is:
 * `{"msg":"listening","url":"http://127.0.0.1:41234/graphql"}`. A process told to listen on port
 * 0 binds a port the OS picks, and whoever started it (the launcher in `tools/src/platform`) reads
 * the port from this line. Choosing a "free" port first and binding it later races with every
 * other process on the machine; this does not. A listener other than the main HTTP port that
 * speaks HTTP too names itself (`listener: "metrics"`), so it is not taken for the main port.
 */
export function announceListening(service: string, url: string, listener?: string): void {
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', service, msg: 'listening', url, ...(listener ? { listener } : {}) })}\n`,
  );
}

/**
 * How long an idle kept-alive connection stays open: 65 s, above the 60 s idle timeout of common
 * load balancers, instead of Node's 5 s. Announced in `Keep-Alive: timeout=65`, which Node's fetch
 * (the gateway's, the tests') honours by not reusing a connection in the last second of it; the
 * shorter the window, the more often a request met a connection the server was closing
 * (docs/adr/0053). Headers must still arrive within the window plus a second.
 */
export const IDLE_CONNECTION_MS = 65_000;

export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
}
