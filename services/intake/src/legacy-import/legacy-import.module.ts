import { Module } from '@nestjs/common';
import { LegacyImportResolver } from './graphql/legacy-import.resolver.js';
import { LegacyRecordRepository } from './legacy-record.repository.js';
import { ImportLegacyRecordsUseCase } from './use-cases/import-legacy-records/import-legacy-records.use-case.js';

@Module({
  providers: [LegacyRecordRepository, ImportLegacyRecordsUseCase, LegacyImportResolver],
})
export class LegacyImportModule {}
