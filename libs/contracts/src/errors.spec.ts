import { describe, expect, it } from '@jest/globals';
import { assertPageSize, DomainError, domainErrorFor } from './errors.js';

enum ParcelErrorCode {
  Invalid = 'BAD_USER_INPUT',
  Missing = 'PARCEL_NOT_FOUND',
  Taken = 'PARCEL_TAKEN',
}

class ParcelException extends domainErrorFor<ParcelErrorCode>({
  [ParcelErrorCode.Invalid]: 'invalid',
  [ParcelErrorCode.Missing]: 'not-found',
  [ParcelErrorCode.Taken]: 'conflict',
}) {}

describe('domainErrorFor', () => {
  it('gives each code the kind its feature declared, so transports answer the right status', () => {
    const missing = new ParcelException(ParcelErrorCode.Missing, 'No parcel 7');
    const taken = new ParcelException(ParcelErrorCode.Taken, 'Parcel 7 is taken', [
      { field: 'id', reason: 'taken' },
    ]);

    expect(missing).toBeInstanceOf(DomainError);
    expect(missing).toBeInstanceOf(ParcelException);
    expect(missing).toMatchObject({
      name: 'ParcelException',
      code: 'PARCEL_NOT_FOUND',
      message: 'No parcel 7',
      kind: 'not-found',
      problems: [],
    });
    expect(taken).toMatchObject({ kind: 'conflict', problems: [{ field: 'id', reason: 'taken' }] });
  });

  it('names the field and the reason in an error about one input', () => {
    const error = ParcelException.aboutField(ParcelErrorCode.Invalid, 'first', 'must be positive');

    expect(error).toBeInstanceOf(ParcelException);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      kind: 'invalid',
      message: 'first must be positive',
      problems: [{ field: 'first', reason: 'must be positive' }],
    });
  });
});

describe('assertPageSize', () => {
  it('takes 1 to max, and refuses anything else as bad input naming the argument and the bounds', () => {
    expect(() => assertPageSize(1, 500)).not.toThrow();
    expect(() => assertPageSize(500, 500)).not.toThrow();
    for (const first of [0, -3, 501]) {
      expect(() => assertPageSize(first, 500)).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          kind: 'invalid',
          message: 'first must be between 1 and 500',
          problems: [{ field: 'first', reason: 'must be between 1 and 500' }],
        }),
      );
    }
    expect(() => assertPageSize(0, 10, 'last')).toThrow('last must be between 1 and 10');
  });
});
