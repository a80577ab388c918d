import { Global, Module, type DynamicModule } from '@nestjs/common';
import { parseKeyring, PiiCipher } from '@civitas/crypto';
import { CitizensConfig } from './citizens.config.js';

/** Seals and hashes personal data; the only holder of the PII keys in the process. */
export const PII_CIPHER = Symbol('PII_CIPHER');

/** Makes the validated configuration and the PII cipher injectable everywhere in the service. */
@Global()
@Module({})
export class CitizensConfigModule {
  static forRoot(config: CitizensConfig): DynamicModule {
    return {
      module: CitizensConfigModule,
      providers: [
        { provide: CitizensConfig, useValue: config },
        { provide: PII_CIPHER, useFactory: () => new PiiCipher(parseKeyring(config.PII_KEYS, config.PII_HASH_KEY)) },
      ],
      exports: [CitizensConfig, PII_CIPHER],
    };
  }
}
