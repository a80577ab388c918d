import { Module } from '@nestjs/common';
import { DistrictDirectory } from './district-directory.js';
import { DistrictRepository } from './district.repository.js';
import { DistrictResolver } from './graphql/district.resolver.js';
import { SaveDistrictUseCase } from './use-cases/save-district/save-district.use-case.js';

@Module({
  providers: [DistrictRepository, DistrictDirectory, DistrictResolver, SaveDistrictUseCase],
  exports: [DistrictRepository, DistrictDirectory],
})
export class DistrictsModule {}
