interface Waiting<V> {
  resolve: (value: V | null) => void;
  reject: (error: unknown) => void;
  promise: Promise<V | null>;
}

/**
 * Gathers the keys that the resolvers of one request ask for in the same turn of the event loop
 * and loads them with one call: a list of 1,000 cases asks for 1,000 reporters, which is one
 * query, not 1,000. Keys are per request (the GraphQL context's `req`), so nothing is shared or
 * cached between callers.
 */
export class RequestBatcher<V> {
  private readonly pending = new WeakMap<object, Map<string, Waiting<V>>>();

  constructor(private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>) {}

  load(request: object, key: string): Promise<V | null> {
    let batch = this.pending.get(request);
    if (!batch) {
      const gathered = new Map<string, Waiting<V>>();
      batch = gathered;
      this.pending.set(request, gathered);
      // After every resolver started in this turn has asked (they reach here through promises).
      setImmediate(() => {
        this.pending.delete(request);
        this.loadMany([...gathered.keys()]).then(
          (found) => gathered.forEach((w, k) => w.resolve(found.get(k) ?? null)),
          (error: unknown) => gathered.forEach((w) => w.reject(error)),
        );
      });
    }
    let waiting = batch.get(key);
    if (!waiting) {
      let resolve!: Waiting<V>['resolve'];
      let reject!: Waiting<V>['reject'];
      const promise = new Promise<V | null>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      waiting = { resolve, reject, promise };
      batch.set(key, waiting);
    }
    return waiting.promise;
  }
}
