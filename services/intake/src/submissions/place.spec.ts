import { describe, expect, it } from '@jest/globals';
import { placeOf } from './place.js';

describe('placeOf', () => {
  it('keeps both coordinates with the address, or the address alone', () => {
    expect(placeOf({ latitude: 45.4, longitude: -75.7, address: ' 1 Bank St ' })).toEqual({
      latitude: 45.4,
      longitude: -75.7,
      address: '1 Bank St',
    });
    expect(placeOf({ latitude: 45.4, longitude: -75.7 })).toEqual({
      latitude: 45.4,
      longitude: -75.7,
      address: undefined,
    });
    expect(placeOf({ latitude: 45.4, address: '1 Bank St' })).toEqual({ address: '1 Bank St' });
  });

  it('is nothing when no place is given: half a pair, a blank address, or none at all', () => {
    expect(placeOf({ latitude: 45.4, longitude: null, address: '  ' })).toBeUndefined();
    expect(placeOf({})).toBeUndefined();
    expect(placeOf(undefined)).toBeUndefined();
  });
});
