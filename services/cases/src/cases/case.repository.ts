import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseEntity } from './case.entity.js';

@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  byTicket(ticketNumber: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ ticketNumber });
  }

  byId(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id });
  }
}
