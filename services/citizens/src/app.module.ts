import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule } from '@civitas/service-kit';
import { CitizensModule } from './citizens/citizens.module.js';
import { ConsentsModule } from './consents/consents.module.js';
import { ContactLookupModule } from './contact-lookup/contact-lookup.module.js';
import { CitizensConfigModule } from './config/citizens-config.module.js';
import type { CitizensConfig } from './config/citizens.config.js';
import { CITIZENS } from './database/definition.js';
import { MatchingModule } from './matching/matching.module.js';
import { MergesModule } from './merges/merges.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RightsModule } from './rights/rights.module.js';
import { SearchModule } from './search/search.module.js';

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
      ],
    };
  }
}
