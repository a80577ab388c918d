import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceApp } from '@civitas/service-kit';
import { AdminChangesModule } from './admin-changes/index.js';
import { CitizensModule } from './citizens/index.js';
import { ConsentsModule } from './consents/index.js';
import { ContactLookupModule } from './contact-lookup/index.js';
import { CitizensConfigModule } from './config/citizens-config.module.js';
import { CitizensConfig } from './config/citizens.config.js';
import { CITIZENS } from './database/definition.js';
import { MatchingModule } from './matching/index.js';
import { MergesModule } from './merges/index.js';
import { NotificationsModule } from './notifications/index.js';
import { RightsModule } from './rights/index.js';
import { SearchModule } from './search/index.js';

@Module({})
export class AppModule {
  static forRoot(config: CitizensConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(CITIZENS, config),
        CitizensConfigModule.forRoot(config),
        CitizensModule,
        MergesModule,
        MatchingModule,
        SearchModule,
        ContactLookupModule,
        NotificationsModule,
        ConsentsModule,
        RightsModule,
        AdminChangesModule,
      ],
    };
  }
}

/** Citizens as its main.ts runs it and as its tests boot it. */
export const CITIZENS_APP: ServiceApp<CitizensConfig> = {
  definition: CITIZENS,
  configClass: CitizensConfig,
  appModule: (config) => AppModule.forRoot(config),
};
