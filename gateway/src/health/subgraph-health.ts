export interface SubgraphReadiness {
  status: 'ok' | 'unavailable';
  detail?: string;
}

const READY_TIMEOUT_MS = 2000;

/** Where a subgraph reports readiness: same origin as its GraphQL URL. */
export function readinessUrl(graphqlUrl: string): string {
  return new URL('/health/ready', graphqlUrl).toString();
}

export async function checkSubgraph(
  graphqlUrl: string,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<SubgraphReadiness> {
  try {
    const response = await fetch(readinessUrl(graphqlUrl), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.status === 200
      ? { status: 'ok' }
      : { status: 'unavailable', detail: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: 'unavailable', detail: cause ?? (error as Error).name };
  }
}

/**
 * Each subgraph's readiness: ready when one of its replicas is, since the gateway sends a request
 * refused by one replica to the next (docs/adr/0073).
 */
export async function checkSubgraphs(
  urls: Record<string, readonly string[]>,
): Promise<Record<string, SubgraphReadiness>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, replicas]) => {
      const each = await Promise.all(replicas.map((url) => checkSubgraph(url)));
      const ready = each.filter((r) => r.status === 'ok').length;
      let readiness: SubgraphReadiness = { status: 'ok' };
      if (ready === 0) {
        readiness = each[0];
      } else if (ready < replicas.length) {
        readiness = { status: 'ok', detail: `${ready} of ${replicas.length} replicas ready` };
      }
      return [name, readiness] as const;
    }),
  );
  return Object.fromEntries(entries);
}
