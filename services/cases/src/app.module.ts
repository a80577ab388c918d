import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceApp } from '@civitas/service-kit';
import { CasesModule } from './cases/index.js';
import { CitizenCasesModule } from './citizen-cases/index.js';
import { CasesConfig } from './config/cases.config.js';
import { CASES } from './database/definition.js';
import { ErasureModule } from './erasure/index.js';
import { InteractionsModule } from './interactions/index.js';
import { LegacyCasesModule } from './legacy/index.js';
import { SatisfactionModule } from './satisfaction/index.js';
import { ServiceRequestsModule } from './service-requests/index.js';

@Module({})
export class AppModule {
  static forRoot(config: CasesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(CASES, config),
        CasesModule,
        LegacyCasesModule,
        ServiceRequestsModule,
        InteractionsModule,
        CitizenCasesModule,
        ErasureModule,
        SatisfactionModule.forRoot(config.SURVEY_TOKEN_KEYS),
      ],
    };
  }
}

/** Cases as its main.ts runs it and as its tests boot it. */
export const CASES_APP: ServiceApp<CasesConfig> = {
  definition: CASES,
  configClass: CasesConfig,
  appModule: (config) => AppModule.forRoot(config),
};
