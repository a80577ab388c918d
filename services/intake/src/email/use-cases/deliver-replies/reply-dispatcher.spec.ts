import { describe, expect, it } from '@jest/globals';
import { isPermanentRefusal } from './reply-dispatcher.js';

describe('reply dispatch rules', () => {
  it('gives up at once only when the relay refuses the recipient for good', () => {
    expect(isPermanentRefusal({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentRefusal({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    // A refused login is the organisation's configuration to fix; replies wait for it.
    expect(isPermanentRefusal({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanentRefusal(new Error('connect ECONNREFUSED 127.0.0.1:25'))).toBe(false);
  });
});
