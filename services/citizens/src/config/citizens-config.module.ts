import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PII_CIPHER, piiCipherFrom } from '@civitas/crypto';
import { CitizensConfig } from './citizens.config.js';

/** Makes the validated configuration and the PII cipher injectable everywhere in the service. */
@Global()
@Module({})
export class CitizensConfigModule {
  static forRoot(config: CitizensConfig): DynamicModule {
    return {
      module: CitizensConfigModule,
      providers: [
        { provide: CitizensConfig, useValue: config },
        {
          provide: PII_CIPHER,
          useFactory: () => piiCipherFrom(config.PII_KEYS, config.PII_HASH_KEY),
        },
      ],
      exports: [CitizensConfig, PII_CIPHER],
    };
  }
}
