import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LimitCode } from './limit-code.js';

/**
 * The time an operation may spend waiting on subgraphs. Work at the gateway itself (parsing,
 * validation, planning) is synchronous and kept short by the size, depth and cost limits; what
 * can take long is a subgraph, so every subgraph fetch of an operation races one deadline and
 * the operation is answered with TIME_BUDGET_EXCEEDED when it passes.
 */
export class TimeBudget {
  /** Keyed by the operation's context object: the one thing both Apollo and the fetches see. */
  private readonly deadlines = new WeakMap<object, AbortSignal>();

  constructor(readonly milliseconds: number) {}

  plugin(): ApolloServerPlugin<object> {
    return {
      requestDidStart: async ({ contextValue }) => {
        this.deadlines.set(contextValue, AbortSignal.timeout(this.milliseconds));
      },
    };
  }

  /** `work`, or a TIME_BUDGET_EXCEEDED error once the operation's deadline passes. */
  within<T>(context: object | undefined, work: Promise<T>): Promise<T> {
    const deadline = context ? this.deadlines.get(context) : undefined;
    if (!deadline) {
      return work;
    }
    if (deadline.aborted) {
      work.catch(() => undefined);
      return Promise.reject(this.exceeded());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.exceeded());
      deadline.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          deadline.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          deadline.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private exceeded(): GraphQLError {
    return new GraphQLError(
      `The operation ran past its time budget of ${this.milliseconds} ms and was stopped; ask for less or try again later`,
      { extensions: { code: LimitCode.TimeBudgetExceeded } },
    );
  }
}
