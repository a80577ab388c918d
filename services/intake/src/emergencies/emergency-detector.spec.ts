import { describe, expect, it } from '@jest/globals';
import { EmergencyDetector } from './emergency-detector.js';

describe('EmergencyDetector', () => {
  const detector = new EmergencyDetector();

  it.each([
    ['I think there is a GAS   leak by the school', 'gas leak', 'en'],
    ['Smell gas near the hydrant!', 'smell gas', 'en'],
    ['Someone is hurt, lying in the road', 'someone is hurt', 'en'],
    ['Hay una FUGA DE GAS en la esquina', 'fuga de gas', 'es'],
    ['un cable caido en la calle', 'cable caído', 'es'],
  ])('flags %j', (text, phrase, language) => {
    const verdict = detector.inspect(text);
    expect(verdict).toMatchObject({ emergency: true, phrase, language });
    expect(verdict.notice).toContain('911');
  });

  it.each([
    'Firewood left on the sidewalk',
    'The gasket on the hydrant leaks slowly',
    'Pothole on 5th Ave',
    '',
  ])('does not flag %j', (text) => {
    expect(detector.inspect(text)).toEqual({ emergency: false, notice: null });
  });

  it('looks at every text it is given (description and attributes)', () => {
    expect(
      detector.inspect('Broken light', undefined, 'wires sparking, power line down').emergency,
    ).toBe(true);
  });

  it('uses a configured list instead of the defaults', () => {
    const custom = new EmergencyDetector({ fr: ['fuite de gaz'] });
    expect(custom.inspect('Fuite de gaz rue Saint-Denis')).toMatchObject({
      emergency: true,
      language: 'fr',
    });
    expect(custom.inspect('gas leak').emergency).toBe(false);
  });
});
