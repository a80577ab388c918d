import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PII_CIPHER, piiCipherFrom } from '@civitas/crypto';
import { ServiceKitModule } from '@civitas/service-kit';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { CitizenSubmissionsModule } from './citizen-submissions/citizen-submissions.module.js';
import { EmailModule } from './email/email.module.js';
import { ErasureModule } from './erasure/erasure.module.js';
import { INTAKE_CONFIG } from './config/intake-config.token.js';
import type { IntakeConfig } from './config/intake.config.js';
import { LegacyImportModule } from './legacy-import/legacy-import.module.js';
import { INTAKE } from './database/definition.js';
import { SubmissionsModule } from './submissions/submissions.module.js';
import { TokensModule } from './tokens/tokens.module.js';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(INTAKE, config),
        SubmissionsModule,
        ApiKeysModule,
        TokensModule,
        LegacyImportModule,
        CitizenSubmissionsModule,
        EmailModule,
        ErasureModule,
      ],
      providers: [
        { provide: INTAKE_CONFIG, useValue: config },
        { provide: PII_CIPHER, useValue: piiCipherFrom(config.PII_KEYS, config.PII_HASH_KEY) },
      ],
      exports: [INTAKE_CONFIG, PII_CIPHER],
    };
  }
}
