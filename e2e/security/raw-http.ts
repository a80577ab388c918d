import { request } from 'node:http';

/** One HTTP request exactly as written: the path is sent as given (broken escapes and all). */
export interface RawRequest {
  /** What the request probes, for failure messages. */
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * The local address to send from (any of 127.0.0.0/8 on Linux): the gateway then sees another
   * client address, as it would a caller on another machine.
   */
  from?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Wall-clock time from sending to the last byte of the answer. */
  ms: number;
}

/**
 * Sends one request to `base` (`http://127.0.0.1:port`) and reads the whole answer. No retries,
 * no redirects, nothing normalised: the fuzz and the abuse probes need to send what a client
 * could, including what `fetch` would refuse to build. A request without an answer after
 * `timeoutMs` rejects (a hung request is a finding, not a test timeout).
 */
export function send(base: string, req: RawRequest, timeoutMs = 60_000): Promise<RawResponse> {
  const url = new URL(base);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers: Record<string, string | number> = { ...(req.headers ?? {}) };
  if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
    headers['content-length'] = body.length;
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        localAddress: req.from,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy(new Error(`${req.label}: no answer within ${timeoutMs} ms`));
    });
    outgoing.on('error', (error) => reject(new Error(`${req.label}: ${error.message}`)));
    outgoing.end(body);
  });
}

/** The JSON body, or undefined when it is not JSON. */
export function jsonOf<T = unknown>(res: RawResponse): T | undefined {
  try {
    return JSON.parse(res.text) as T;
  } catch {
    return undefined;
  }
}

/** `extensions.code` of each GraphQL error in the answer. */
export function graphqlCodes(res: RawResponse): string[] {
  const body = jsonOf<{ errors?: { extensions?: { code?: string } }[] }>(res);
  return (body?.errors ?? []).map((e) => String(e.extensions?.code));
}

export function graphqlRequest(
  label: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): RawRequest {
  return {
    label,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, ...extra }),
  };
}

export function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
