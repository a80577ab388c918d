import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Identity } from '@civitas/contracts';

/** What follows one piece of work across HTTP and NATS: a correlation id and who asked for it. */
export interface RequestContext {
  correlationId: string;
  /** The message id that caused the current work, when handling a message. */
  causationId?: string | null;
  identity?: Identity;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}
