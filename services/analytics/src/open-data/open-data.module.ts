import { Module } from '@nestjs/common';
import { OpenDataController } from './http/open-data.controller.js';
import { OpenDataPolicies } from './open-data-policies.js';
import { OpenDataRepository } from './open-data.repository.js';
import { OpenDataSnapshots } from './snapshots/open-data-snapshots.js';
import { SnapshotWriter } from './snapshots/snapshot-writer.js';
import { MakeOpenDataFileUseCase } from './use-cases/make-open-data-file/make-open-data-file.use-case.js';

/** Anonymised open data of service requests, streamed, and its monthly snapshots (ADR 0057). */
@Module({
  controllers: [OpenDataController],
  providers: [
    OpenDataRepository,
    OpenDataPolicies,
    MakeOpenDataFileUseCase,
    OpenDataSnapshots,
    SnapshotWriter,
  ],
})
export class OpenDataModule {}
