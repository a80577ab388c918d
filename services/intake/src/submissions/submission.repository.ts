import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SubmissionEntity } from './submission.entity.js';

@Injectable()
export class SubmissionRepository {
  constructor(private readonly dataSource: DataSource) {}

  byIdempotencyKey(key: string): Promise<SubmissionEntity | null> {
    return this.dataSource.getRepository(SubmissionEntity).findOneBy({ idempotencyKey: key });
  }

  byId(id: string): Promise<SubmissionEntity | null> {
    return this.dataSource.getRepository(SubmissionEntity).findOneBy({ id });
  }
}
