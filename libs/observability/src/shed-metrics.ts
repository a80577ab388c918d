import client, { type Registry } from 'prom-client';

/**
 * `<prefix>_shed_total{path}`: requests refused at once (503) because the process was already
 * answering as many as it may (docs/adr/0075). `path` is the API's mount (`/graphql`, `/open311`),
 * never the URL a client chose, so the labels stay bounded.
 */
export function shedCounter(registry: Registry, prefix: string): client.Counter<'path'> {
  return new client.Counter({
    name: `${prefix}_shed_total`,
    help: 'Requests refused with 503 because too many were already being answered',
    labelNames: ['path'],
    registers: [registry],
  });
}
