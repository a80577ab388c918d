import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule } from '@civitas/service-kit';
import { CitizensModule } from './citizens/citizens.module.js';
import { CitizensConfigModule } from './config/citizens-config.module.js';
import type { CitizensConfig } from './config/citizens.config.js';
import { CITIZENS } from './database/definition.js';

@Module({})
export class AppModule {
  static forRoot(config: CitizensConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(CITIZENS, config),
        CitizensConfigModule.forRoot(config),
        CitizensModule,
      ],
    };
  }
}
