import { describe, expect, it } from '@jest/globals';
import {
  ContractValidationError,
  ResolveIdentity,
  validateAs,
  type ResolveIdentityReply,
  type ResolveIdentityRequest,
} from '@civitas/contracts';
import { piiCipherFrom } from '@civitas/crypto';
import { RequestRejected } from '@civitas/messaging';
import type { ResolveIdentityUseCase } from '../use-cases/resolve-identity/resolve-identity.use-case.js';
import { ResolveIdentityHandler } from './resolve-identity.handler.js';

const KEYS = `k1:${Buffer.alloc(32, 3).toString('base64')}`;
const HASH_KEY = Buffer.alloc(32, 4).toString('base64');

function handlerWith(keys = KEYS) {
  const asked: ResolveIdentityRequest[] = [];
  const useCase = {
    execute: (request: ResolveIdentityRequest): Promise<ResolveIdentityReply> => {
      asked.push(request);
      return Promise.resolve({ citizenId: null, match: 'NEW' });
    },
  } as unknown as ResolveIdentityUseCase;
  return { handler: new ResolveIdentityHandler(useCase, piiCipherFrom(keys, HASH_KEY)), asked };
}

describe('resolve-identity: a contact sealed by intake (docs/adr/0023)', () => {
  const intake = piiCipherFrom(KEYS, HASH_KEY);

  it('is opened and resolved as the contact it holds', async () => {
    const { handler, asked } = handlerWith();
    const contact = { firstName: 'Ana', email: 'ana@example.org', preferredLanguage: 'es' };
    await handler.handle({ sealedContact: intake.encrypt(JSON.stringify(contact)) });
    expect(asked).toEqual([{ contact: expect.objectContaining(contact) }]);
  });

  it('is refused, naming sealedContact, when these keys cannot open it', async () => {
    const { handler, asked } = handlerWith(`k2:${Buffer.alloc(32, 9).toString('base64')}`);
    const sealed = intake.encrypt(JSON.stringify({ email: 'ana@example.org' }));
    await expect(handler.handle({ sealedContact: sealed })).rejects.toMatchObject({
      constructor: RequestRejected,
      code: 'BAD_REQUEST',
      problems: [{ field: 'sealedContact', reason: expect.any(String) }],
    });
    expect(asked).toEqual([]);
  });

  it('is validated like a plain contact once opened', async () => {
    const { handler, asked } = handlerWith();
    const sealed = intake.encrypt(JSON.stringify({ email: 'not-an-email' }));
    await expect(handler.handle({ sealedContact: sealed })).rejects.toBeInstanceOf(
      ContractValidationError,
    );
    expect(asked).toEqual([]);
  });

  it('is the only way a contact arrives: a plain contact (before ADR 0023) is not resolved', async () => {
    const { handler, asked } = handlerWith();
    const link = { sourceSystem: 'legacy-311', sourceId: '42' };
    const request = validateAs(
      ResolveIdentity.request,
      { contact: { email: 'ana@example.org' }, link },
      ResolveIdentity.subject,
    );
    await handler.handle(request);
    expect(asked).toEqual([{ link }]);
    expect(asked[0]).not.toHaveProperty('contact', expect.anything());
  });
});
