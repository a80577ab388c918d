import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { Role } from '@civitas/contracts';
import { ImportLegacyRecordsUseCase } from '../use-cases/import-legacy-records/import-legacy-records.use-case.js';
import { ImportLegacyRecordsInput } from './import-legacy-records.input.js';
import { LegacyImportResultObject } from './legacy-import-result.object.js';

@Resolver()
export class LegacyImportResolver {
  constructor(private readonly importRecords: ImportLegacyRecordsUseCase) {}

  @Roles(Role.Admin, Role.Integration)
  @Mutation(() => LegacyImportResultObject, {
    description:
      'Imports a batch of history from a legacy system (npm run import). Idempotent by (sourceSystem, sourceId); no notification, no escalation.',
  })
  importLegacyRecords(
    @Args('input') input: ImportLegacyRecordsInput,
  ): Promise<LegacyImportResultObject> {
    return this.importRecords.execute(input);
  }
}
