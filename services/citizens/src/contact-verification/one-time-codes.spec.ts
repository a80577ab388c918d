import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@civitas/config';
import type { PiiCipher } from '@civitas/crypto';
import { CitizensConfig } from '../config/citizens.config.js';
import { contactCodeMessage, loginLinkCodeMessage } from './messages.js';
import { OneTimeCodes } from './one-time-codes.js';

const key = () => randomBytes(32).toString('base64');
const REQUIRED = {
  DATABASE_URL: 'postgres://localhost:5432/x',
  GATEWAY_SECRET: 'a-gateway-secret-of-24-chars',
  PII_KEYS: `k1:${key()}`,
  PII_HASH_KEY: key(),
};
const codesWith = (env: Record<string, string>) =>
  new OneTimeCodes({} as PiiCipher, loadConfig(CitizensConfig, { ...REQUIRED, ...env }));

describe('one-time code limits come from config (ADR 0040)', () => {
  it('defaults to 15 minutes, 5 attempts, 5 codes an hour to an address and 10 for a resident', () => {
    expect(codesWith({}).limits).toEqual({
      codeTtlMinutes: 15,
      maxAttempts: 5,
      sendsPerContactPoint: 5,
      sendsPerResident: 10,
    });
  });

  it('takes what the deployment sets, and codes last that long, as the messages say', () => {
    const codes = codesWith({
      VERIFICATION_CODE_TTL_MINUTES: '30',
      VERIFICATION_CODE_MAX_ATTEMPTS: '3',
      VERIFICATION_CODES_PER_CONTACT_POINT_PER_HOUR: '2',
      VERIFICATION_CODES_PER_RESIDENT_PER_HOUR: '4',
    });
    expect(codes.limits).toEqual({
      codeTtlMinutes: 30,
      maxAttempts: 3,
      sendsPerContactPoint: 2,
      sendsPerResident: 4,
    });
    const from = new Date('2026-12-06T10:00:00Z');
    expect(codes.expiry(from)).toEqual(new Date('2026-12-06T10:30:00Z'));
    expect(contactCodeMessage('en', '123456', 30).text).toContain('It expires in 30 minutes');
    expect(loginLinkCodeMessage('es', '123456', 30).text).toContain('Caduca en 30 minutos');
  });

  it.each([
    ['VERIFICATION_CODE_TTL_MINUTES', '0'],
    ['VERIFICATION_CODE_TTL_MINUTES', '1441'],
    ['VERIFICATION_CODE_MAX_ATTEMPTS', '0'],
    ['VERIFICATION_CODE_MAX_ATTEMPTS', '2.5'],
    ['VERIFICATION_CODES_PER_CONTACT_POINT_PER_HOUR', 'five'],
    ['VERIFICATION_CODES_PER_RESIDENT_PER_HOUR', '0'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    let refused: ConfigError | undefined;
    try {
      loadConfig(CitizensConfig, { ...REQUIRED, [variable]: value });
    } catch (error) {
      refused = error as ConfigError;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused!.problems.map((p) => p.variable)).toEqual([variable]);
  });
});
