import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { SubmissionEntity } from './submission.entity.js';

/** The one writer of live submissions (docs/adr/0027; imported ones: `LegacyRecordRepository`). */
@Injectable()
export class SubmissionRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** The next number of the ticket sequence (shared with imported history). */
  async nextTicketNumber(tx: Transaction): Promise<string> {
    const [{ n }] = (await this.managerOf(tx).query(
      "SELECT nextval('ticket_number_seq') AS n",
    )) as { n: string }[];
    return n;
  }

  async accept(tx: Transaction, submission: SubmissionEntity): Promise<SubmissionEntity> {
    const manager = this.managerOf(tx);
    const entity = manager.create(SubmissionEntity, submission);
    await manager.insert(SubmissionEntity, entity);
    return entity;
  }

  byIdempotencyKey(key: string): Promise<SubmissionEntity | null> {
    return this.dataSource.getRepository(SubmissionEntity).findOneBy({ idempotencyKey: key });
  }

  byTicketNumber(ticketNumber: string): Promise<SubmissionEntity | null> {
    return this.dataSource.getRepository(SubmissionEntity).findOneBy({ ticketNumber });
  }

  byId(id: string): Promise<SubmissionEntity | null> {
    return this.dataSource.getRepository(SubmissionEntity).findOneBy({ id });
  }
}
