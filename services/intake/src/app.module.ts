import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PII_CIPHER, piiCipherFrom } from '@civitas/crypto';
import { ServiceKitModule, type ServiceApp } from '@civitas/service-kit';
import { ApiKeysModule } from './api-keys/index.js';
import { CatalogModule } from './catalog/index.js';
import { CitizenSubmissionsModule } from './citizen-submissions/index.js';
import { EmailModule } from './email/index.js';
import { ErasureModule } from './erasure/index.js';
import { INTAKE_CONFIG } from './config/intake-config.token.js';
import { IntakeConfig } from './config/intake.config.js';
import { LegacyImportModule } from './legacy-import/index.js';
import { INTAKE } from './database/definition.js';
import { SubmissionsModule } from './submissions/index.js';
import { TokensModule } from './tokens/index.js';
// Imported last: it loads submissions, and the schema lists types in the order their modules load.
import { AcceptedSubmissionsModule } from './accepted-submissions/index.js';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(INTAKE, config),
        CatalogModule,
        SubmissionsModule,
        ApiKeysModule,
        TokensModule,
        LegacyImportModule,
        CitizenSubmissionsModule,
        EmailModule,
        ErasureModule,
        AcceptedSubmissionsModule,
      ],
      providers: [
        { provide: INTAKE_CONFIG, useValue: config },
        { provide: PII_CIPHER, useValue: piiCipherFrom(config.PII_KEYS, config.PII_HASH_KEY) },
      ],
      exports: [INTAKE_CONFIG, PII_CIPHER],
    };
  }
}

/** Intake as its main.ts runs it and as its tests boot it. */
export const INTAKE_APP: ServiceApp<IntakeConfig> = {
  definition: INTAKE,
  configClass: IntakeConfig,
  appModule: (config) => AppModule.forRoot(config),
};
