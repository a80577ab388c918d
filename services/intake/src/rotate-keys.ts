import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { piiCipherFrom, rotateSealedTables, type SealedTable } from '@civitas/crypto';
import { serviceDataSourceOptions } from '@civitas/service-kit';
import { DataSource } from 'typeorm';
import { IntakeConfig } from './config/intake.config.js';
import { INTAKE } from './database/definition.js';

/** Intake's sealed columns: the raw submissions, and e-mail replies still owed or failed and kept (ADR 0021). */
const SEALED: SealedTable[] = [
  { table: 'submission', key: 'id', columns: ['payload_sealed'] },
  { table: 'email_reply', key: 'id', columns: ['message_sealed'] },
];

/**
 * Re-encrypts every sealed submission with the current key (the first of PII_KEYS; old keys listed
 * after it). Idempotent. Usage: PII_KEYS="new:<b64>,old:<b64>" node services/intake/dist/rotate-keys.js
 */
const config = loadConfigOrExit(IntakeConfig, 'intake');
const cipher = piiCipherFrom(config.PII_KEYS, config.PII_HASH_KEY);
const dataSource = new DataSource(serviceDataSourceOptions(INTAKE, config));
await dataSource.initialize();
try {
  console.log(`Re-encrypting submissions with key "${cipher.currentKeyId}"`);
  const results = await rotateSealedTables(
    cipher,
    (sql, params) => dataSource.query(sql, params),
    SEALED,
    (p) => console.log(`  ${p.table}: ${p.scanned} rows scanned, ${p.resealed} re-encrypted`),
  );
  for (const r of results) {
    console.log(`${r.table}: done, ${r.resealed} of ${r.scanned} rows re-encrypted`);
  }
} finally {
  await dataSource.destroy();
}
