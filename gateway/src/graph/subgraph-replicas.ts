/**
 * The replicas of one subgraph, by their GraphQL URLs (`<SERVICE>_URL` may list several, comma
 * separated: `npm start -- --replicas N` does). Requests go to them in turn, so every replica
 * answers its share even over kept-alive connections (docs/adr/0073).
 */
export class SubgraphReplicas {
  private turn = 0;

  constructor(readonly urls: readonly string[]) {
    if (urls.length === 0) {
      throw new Error('A subgraph needs at least one URL');
    }
  }

  /** The next replica's URL, round robin. */
  next(): string {
    return this.inTurn()[0];
  }

  /** Every replica once, the next in turn first: where to go when one refuses the connection. */
  inTurn(): string[] {
    const start = this.turn;
    this.turn = (start + 1) % this.urls.length;
    return [...this.urls.slice(start), ...this.urls.slice(0, start)];
  }
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A fetch for one subgraph that sends each request to its replicas in turn. A replica that
 * refuses the connection was sent nothing, so the request goes on to the next (a replica being
 * restarted costs no error); any other failure is the answer.
 */
export function fetchFromReplicas(replicas: SubgraphReplicas, fetchOne: Fetch): Fetch {
  return async (_url, init) => {
    let refusal: unknown;
    for (const url of replicas.inTurn()) {
      try {
        return await fetchOne(url, init);
      } catch (error) {
        if (!connectionRefused(error)) {
          throw error;
        }
        refusal = error;
      }
    }
    throw refusal;
  };
}

function connectionRefused(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e;) {
    if (e.code === 'ECONNREFUSED') {
      return true;
    }
    e = e.cause as typeof e;
  }
  return false;
}
