import { describe, expect, it } from '@jest/globals';
import { TokenSigner } from './signed-token.js';

const KEY_A = `a:${Buffer.alloc(32, 1).toString('base64')}`;
const KEY_B = `b:${Buffer.alloc(32, 2).toString('base64')}`;
const NOW = new Date('2026-12-07T10:00:00Z');
const IN_A_DAY = NOW.getTime() / 1000 + 86_400;

describe('TokenSigner', () => {
  const signer = new TokenSigner(KEY_A, 'survey');

  it('gives back the claims of a token it signed, until it expires', () => {
    const token = signer.sign({ exp: IN_A_DAY, c: 'case-1' });
    expect(signer.verify(token, NOW)).toEqual({ ok: true, claims: { exp: IN_A_DAY, c: 'case-1' } });
    expect(signer.verify(token, new Date(IN_A_DAY * 1000))).toEqual({
      ok: false,
      refusal: 'EXPIRED',
    });
  });

  it('refuses a token whose claims were changed, or signed for another purpose or key', () => {
    const token = signer.sign({ exp: IN_A_DAY, c: 'case-1' });
    const [keyId, , mac] = token.split('.');
    const forged = `${keyId}.${Buffer.from(JSON.stringify({ exp: IN_A_DAY, c: 'case-2' })).toString('base64url')}.${mac}`;
    expect(signer.verify(forged, NOW)).toEqual({ ok: false, refusal: 'BAD_SIGNATURE' });
    const otherPurpose = new TokenSigner(KEY_A, 'password-reset').sign({ exp: IN_A_DAY });
    expect(signer.verify(otherPurpose, NOW)).toEqual({ ok: false, refusal: 'BAD_SIGNATURE' });
    const otherKey = new TokenSigner(KEY_B.replace('b:', 'a:'), 'survey').sign({ exp: IN_A_DAY });
    expect(signer.verify(otherKey, NOW)).toEqual({ ok: false, refusal: 'BAD_SIGNATURE' });
  });

  it('still accepts tokens of an older key listed after the current one', () => {
    const old = new TokenSigner(KEY_A, 'survey').sign({ exp: IN_A_DAY });
    const rotated = new TokenSigner(`${KEY_B},${KEY_A}`, 'survey');
    expect(rotated.verify(old, NOW).ok).toBe(true);
    expect(rotated.sign({ exp: IN_A_DAY }).startsWith('b.')).toBe(true);
  });

  it('calls anything not shaped like a token malformed', () => {
    for (const junk of ['', 'abc', 'a.b', 'a.b.c.d', 'x'.repeat(2000)]) {
      expect(signer.verify(junk, NOW)).toEqual({ ok: false, refusal: 'MALFORMED' });
    }
  });
});
