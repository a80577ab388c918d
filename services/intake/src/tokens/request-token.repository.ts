import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SubmissionEntity } from '../submissions/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request token is the submission's id: random, unguessable, and known only to the submitter. */
@Injectable()
export class RequestTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ticketFor(token: string): Promise<string | null> {
    if (!UUID.test(token)) {
      return null;
    }
    const found = await this.dataSource
      .getRepository(SubmissionEntity)
      .findOne({ where: { id: token.toLowerCase() }, select: { id: true, ticketNumber: true } });
    return found?.ticketNumber ?? null;
  }
}
