/**
 * The app's one way to the platform: the public GraphQL API at /graphql (docs/adr/0072), as any
 * client developer would call it. A typed operation carries its result and variables types.
 */
import { freshSession } from '../oidcSignIn';

/** A GraphQL document with the types of its result and variables (written beside it). */
export interface Operation<TData, TVariables> {
  readonly document: string;
  /** Never set: carries the types only. */
  readonly types?: { data: TData; variables: TVariables };
}

/** The result type of an operation. */
export type ResultOf<O> = O extends Operation<infer D, infer _V> ? D : never;

export function operation<TData, TVariables = Record<string, never>>(
  document: string,
): Operation<TData, TVariables> {
  return { document };
}

/** One field the API named as wrong, and why. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * An answer the API refused: its `extensions.code`, its message, and the fields it named
 * (`extensions.fields`), so a form can highlight them.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; fields?: FieldProblem[]; field?: string };
  }[];
}

export async function request<TData, TVariables>(
  op: Operation<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  // Refreshed first when its access token is about to expire (docs/adr/0098).
  const session = await freshSession();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      },
      body: JSON.stringify({ query: op.document, variables }),
    });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  let answer: GraphqlAnswer<TData>;
  try {
    answer = (await response.json()) as GraphqlAnswer<TData>;
  } catch {
    throw new ApiError(`HTTP_${response.status}`, response.statusText);
  }
  const first = answer.errors?.[0];
  if (first) {
    const ext = first.extensions ?? {};
    const fields = ext.fields ?? (ext.field ? [{ field: ext.field, reason: first.message }] : []);
    throw new ApiError(ext.code ?? 'INTERNAL_SERVER_ERROR', first.message, fields);
  }
  if (!answer.data) {
    throw new ApiError(`HTTP_${response.status}`, response.statusText);
  }
  return answer.data;
}
