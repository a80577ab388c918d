export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown> & { code?: string };
  }[];
}

/** POSTs one GraphQL operation and returns status, data and errors without throwing on errors. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: Omit<GraphqlResponse<T>, 'status'>;
  try {
    body = JSON.parse(text) as Omit<GraphqlResponse<T>, 'status'>;
  } catch {
    throw new Error(`GraphQL endpoint answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, ...body };
}

/** The `extensions.code` of every error, for assertions. */
export function errorCodes(response: GraphqlResponse<unknown>): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}
