import type { NextFunction, Request, Response } from 'express';
import { variableLimitBreach, type VariableLimits } from '../graph/limits/variable-limits.js';

/** The `variables` of a GraphQL request: in a JSON body, or JSON in a GET's query string. */
function variablesOf(req: Request): unknown {
  if (req.method === 'GET') {
    const raw: unknown = (req.query as Record<string, unknown> | undefined)?.variables;
    if (typeof raw !== 'string') {
      return undefined;
    }
    try {
      return JSON.parse(raw);
    } catch {
      return undefined; // Apollo answers it with its own 400.
    }
  }
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null
    ? (body as { variables?: unknown }).variables
    : undefined;
}

/**
 * Refuses a GraphQL request whose variables are larger than any legitimate request's (docs/adr/0050)
 * with a 400 naming the variable, before Apollo coerces them: coercion costs one error, stack
 * trace and answer line per wrong value, and 50,000 of them took the gateway half a minute.
 */
export function variablesLimitMiddleware(limits: VariableLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const breach = variableLimitBreach(variablesOf(req), limits);
    if (!breach) {
      next();
      return;
    }
    res.status(400).json({
      errors: [
        {
          message: breach.message,
          extensions: { code: breach.code, variable: breach.variable },
        },
      ],
    });
  };
}
