import { AsyncLocalStorage } from 'node:async_hooks';

const inside = new AsyncLocalStorage<string>();

/** Runs `work` marked as the transaction of consumer `durable` (docs/adr/0032). */
export function runInConsumerTransaction<T>(durable: string, work: () => Promise<T>): Promise<T> {
  return inside.run(durable, work);
}

/** The consumer whose transaction the caller runs in, if any. */
export function currentConsumerTransaction(): string | undefined {
  return inside.getStore();
}
