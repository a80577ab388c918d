import { describe, expect, it } from '@jest/globals';
import { IsMaxAttempts, IsOptionalPort, IsPollMs, IsPort, IsText } from './fields.js';
import { loadConfig } from './load-config.js';

class ListenerConfig {
  @IsText()
  SENDER = 'Civitas 311 <311@civitas.invalid>';

  @IsPort()
  PORT = 0;

  @IsOptionalPort()
  EXTRA_PORT: number | undefined = undefined;

  @IsPollMs()
  POLL_MS = 1000;

  @IsMaxAttempts()
  MAX_ATTEMPTS = 5;
}

function refused(env: Record<string, string>): string[] {
  try {
    loadConfig(ListenerConfig, env);
    return [];
  } catch (error) {
    return (error as { problems: { variable: string }[] }).problems.map((p) => p.variable);
  }
}

describe('config fields', () => {
  it('leaves an optional listener off while its port is unset, and reads its digits as a number', () => {
    expect(loadConfig(ListenerConfig, {}).EXTRA_PORT).toBeUndefined();
    expect(loadConfig(ListenerConfig, { EXTRA_PORT: ' 2525 ' }).EXTRA_PORT).toBe(2525);
    expect(loadConfig(ListenerConfig, { EXTRA_PORT: '0' }).EXTRA_PORT).toBe(0);
  });

  it('refuses, by name, a port out of range and worker bounds out of range', () => {
    expect(refused({ EXTRA_PORT: '70000' })).toEqual(['EXTRA_PORT']);
    expect(refused({ EXTRA_PORT: 'smtp' })).toEqual(['EXTRA_PORT']);
    expect(refused({ PORT: '-1' })).toEqual(['PORT']);
    expect(refused({ POLL_MS: '10', MAX_ATTEMPTS: '51' }).sort()).toEqual([
      'MAX_ATTEMPTS',
      'POLL_MS',
    ]);
  });
});
