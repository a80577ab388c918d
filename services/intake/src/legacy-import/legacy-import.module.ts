import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/index.js';
import { LegacyImportResolver } from './graphql/legacy-import.resolver.js';
import { LegacyRecordRepository } from './legacy-record.repository.js';
import { ImportLegacyRecordsUseCase } from './use-cases/import-legacy-records/import-legacy-records.use-case.js';

@Module({
  imports: [CatalogModule],
  providers: [LegacyRecordRepository, ImportLegacyRecordsUseCase, LegacyImportResolver],
})
export class LegacyImportModule {}
