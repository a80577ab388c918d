import type { NatsConnection } from '@nats-io/transport-node';
import type { Envelope, RequestContract, ServiceName } from '@civitas/contracts';

/**
 * Plays another service's side of a request/reply contract over real NATS, for testing one service
 * on its own. Answers `{ ok: true, payload }` like the real responder; returns a stop function.
 */
export function respondAs<Q extends object, R extends object>(
  nc: NatsConnection,
  namespace: string,
  contract: RequestContract<Q, R>,
  owner: ServiceName,
  answer: (request: Q, envelope: Envelope<Q>) => Promise<R | Record<string, unknown>>,
): () => Promise<void> {
  const subject = namespace ? `${namespace}.${contract.subject}` : contract.subject;
  const sub = nc.subscribe(subject, {
    queue: owner,
    callback: (_err, msg) => {
      const envelope = msg.json<Envelope<Q>>();
      void answer(envelope.payload, envelope).then(
        (payload) => msg.respond(JSON.stringify({ ok: true, payload })),
        (error: Error) =>
          msg.respond(
            JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: error.message } }),
          ),
      );
    },
  });
  return async () => {
    if (!sub.isClosed()) {
      sub.unsubscribe();
    }
    await nc.flush();
  };
}
