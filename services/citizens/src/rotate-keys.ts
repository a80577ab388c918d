import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { piiCipherFrom, rotateSealedTables } from '@civitas/crypto';
import { serviceDataSourceOptions } from '@civitas/service-kit';
import { DataSource } from 'typeorm';
import { CitizensConfig } from './config/citizens.config.js';
import { CITIZENS } from './database/definition.js';
import { CITIZENS_SEALED_TABLES } from './privacy/index.js';

/**
 * Re-encrypts every sealed value with the current key (the first of PII_KEYS); the old keys must
 * still be listed after it. Safe to run again or after an interruption: current values are skipped.
 * Usage: PII_KEYS="new:<b64>,old:<b64>" node services/citizens/dist/rotate-keys.js
 */
const config = loadConfigOrExit(CitizensConfig, 'citizens');
const cipher = piiCipherFrom(config.PII_KEYS, config.PII_HASH_KEY);
const dataSource = new DataSource(serviceDataSourceOptions(CITIZENS, config));
await dataSource.initialize();
try {
  console.log(`Re-encrypting personal data with key "${cipher.currentKeyId}"`);
  const results = await rotateSealedTables(
    cipher,
    (sql, params) => dataSource.query(sql, params),
    CITIZENS_SEALED_TABLES,
    (p) => console.log(`  ${p.table}: ${p.scanned} rows scanned, ${p.resealed} re-encrypted`),
  );
  for (const r of results) {
    console.log(`${r.table}: done, ${r.resealed} of ${r.scanned} rows re-encrypted`);
  }
} finally {
  await dataSource.destroy();
}
