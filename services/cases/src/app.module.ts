import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule } from '@civitas/service-kit';
import { CasesModule } from './cases/cases.module.js';
import { CitizenCasesModule } from './citizen-cases/citizen-cases.module.js';
import type { CasesConfig } from './config/cases.config.js';
import { CASES } from './database/definition.js';
import { ErasureModule } from './erasure/erasure.module.js';
import { InteractionsModule } from './interactions/interactions.module.js';
import { ServiceRequestsModule } from './service-requests/service-requests.module.js';

@Module({})
export class AppModule {
  static forRoot(config: CasesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(CASES, config),
        CasesModule,
        ServiceRequestsModule,
        InteractionsModule,
        CitizenCasesModule,
        ErasureModule,
      ],
    };
  }
}
