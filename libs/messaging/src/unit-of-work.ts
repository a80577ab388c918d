import { Inject, Injectable } from '@nestjs/common';
import { validateAs, type Envelope, type EventContract } from '@civitas/contracts';
import { inSpan, SpanKind } from '@civitas/observability';
import { DataSource, type EntityManager } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { createEnvelope } from './envelope.factory.js';
import { BusNaming } from './naming.js';
import { OutboxRelay } from './outbox.relay.js';
import { messagingAttributes } from './tracing-attributes.js';

/**
 * Reads a transaction's EntityManager. Set once by `Transaction`'s static block and not exported
 * from the package: only `TransactionalRepository` (below) calls it (docs/adr/0027).
 */
let managerOf: (tx: Transaction) => EntityManager;

/**
 * A database transaction that can also emit events: they are written to the outbox in it. Rows are
 * buffered and written with multi-row inserts by `flush()`, which whoever opened the transaction
 * calls before committing (UnitOfWork.run and the event consumers do).
 *
 * Its EntityManager is private: use cases and handlers pass the transaction to repositories, and
 * only a repository (a `TransactionalRepository`) reads and writes through it (docs/adr/0027).
 */
export class Transaction {
  readonly #manager: EntityManager;
  private pending: { id: string; subject: string; envelope: string }[] = [];

  static {
    managerOf = (tx) => tx.#manager;
  }

  constructor(
    manager: EntityManager,
    private readonly options: BusOptions,
    private readonly naming: BusNaming,
  ) {
    this.#manager = manager;
  }

  async emit<P extends object>(contract: EventContract<P>, payload: P): Promise<Envelope<P>> {
    const [envelope] = await this.emitAll(contract, [payload]);
    return envelope;
  }

  /** Emits many events of one kind (bulk imports). */
  async emitAll<P extends object>(
    contract: EventContract<P>,
    payloads: P[],
  ): Promise<Envelope<P>[]> {
    if (contract.owner !== this.options.service) {
      throw new Error(
        `${this.options.service} may not publish ${contract.subject}: ${contract.owner} owns it`,
      );
    }
    const subject = this.naming.subject(contract.subject);
    // With tracing on, the envelopes carry this span: consumers' spans become its children.
    const envelopes = inSpan(
      `create ${contract.subject}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: messagingAttributes(contract.subject, 'create', {
          'messaging.batch.message_count': payloads.length,
        }),
      },
      () =>
        payloads.map((payload) => {
          const plain = JSON.parse(JSON.stringify(payload)) as P;
          // Catch a malformed event here, in the sender's transaction, rather than at every consumer.
          validateAs(contract.payload, plain, contract.subject);
          return createEnvelope(this.options.service, contract.subject, plain);
        }),
    );
    for (const envelope of envelopes) {
      this.pending.push({ id: envelope.id, subject, envelope: JSON.stringify(envelope) });
    }
    if (this.pending.length >= FLUSH_AT) {
      await this.flush();
    }
    return envelopes;
  }

  /**
   * Emits many records as few events: `wrap` turns a chunk of records into one payload. A chunk
   * holds at most `maxItems` records and about `maxBytes` of JSON, so every message stays well
   * under NATS's max_payload (1 MB by default) whatever the records hold.
   */
  async emitChunked<P extends object, I>(
    contract: EventContract<P>,
    items: readonly I[],
    wrap: (chunk: I[]) => P,
    { maxItems, maxBytes = 256 * 1024 }: { maxItems: number; maxBytes?: number },
  ): Promise<Envelope<P>[]> {
    const payloads: P[] = [];
    let chunk: I[] = [];
    let bytes = 0;
    for (const item of items) {
      const size = JSON.stringify(item).length;
      if (chunk.length > 0 && (chunk.length >= maxItems || bytes + size > maxBytes)) {
        payloads.push(wrap(chunk));
        chunk = [];
        bytes = 0;
      }
      chunk.push(item);
      bytes += size;
    }
    if (chunk.length > 0) {
      payloads.push(wrap(chunk));
    }
    return this.emitAll(contract, payloads);
  }

  /** Writes the buffered events to the outbox, in emission order. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const chunk = this.pending.splice(0, FLUSH_AT);
      // 3 parameters a row; Postgres allows 65535 per statement.
      const values = chunk
        .map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`)
        .join(', ');
      await this.#manager.query(
        `INSERT INTO outbox (id, subject, envelope) VALUES ${values}`,
        chunk.flatMap((row) => [row.id, row.subject, row.envelope]),
      );
    }
  }
}

const FLUSH_AT = 1000;

/**
 * The base of every repository that writes (or reads under a lock) in a caller's transaction: the
 * one place outside this package that reaches a transaction's EntityManager, through the
 * protected `managerOf`. A use case holds a `Transaction` it can only pass on, so every write goes
 * through a repository method that says what it does (docs/adr/0027). A lint rule keeps
 * `extends TransactionalRepository` to `*.repository.ts` files.
 */
export abstract class TransactionalRepository {
  protected managerOf(tx: Transaction): EntityManager {
    return managerOf(tx);
  }
}

@Injectable()
export class UnitOfWork {
  private readonly naming: BusNaming;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    private readonly relay: OutboxRelay,
  ) {
    this.naming = new BusNaming(options.namespace);
  }

  /** Runs `work` in one transaction; events it emits are published after the commit. */
  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = this.wrap(manager);
      const value = await work(tx);
      await tx.flush();
      return value;
    });
    this.relay.kick();
    return result;
  }

  /** Wraps a transaction someone else opened (an event consumer's); it must `flush()` before commit. */
  wrap(manager: EntityManager): Transaction {
    return new Transaction(manager, this.options, this.naming);
  }

  afterCommit(): void {
    this.relay.kick();
  }
}
