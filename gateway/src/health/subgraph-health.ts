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

export async function checkSubgraphs(
  urls: Record<string, string>,
): Promise<Record<string, SubgraphReadiness>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => [name, await checkSubgraph(url)] as const),
  );
  return Object.fromEntries(entries);
}
