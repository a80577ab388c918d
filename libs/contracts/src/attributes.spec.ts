import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import {
  AttributeDatatype,
  checkAttributeAnswers,
  isIsoDateTime,
  type AttributeDefinition,
} from './attributes.js';

const def = (
  code: string,
  datatype: AttributeDatatype,
  extra: Partial<AttributeDefinition> = {},
): AttributeDefinition => ({
  code,
  datatype,
  variable: true,
  required: false,
  values: [],
  ...extra,
});

const POTHOLE: AttributeDefinition[] = [
  def('size', AttributeDatatype.singlevaluelist, {
    required: true,
    values: [
      { key: 'small', name: 'Smaller than a plate' },
      { key: 'large', name: 'Larger than a car tyre' },
    ],
  }),
  def('kinds', AttributeDatatype.multivaluelist, {
    values: [
      { key: 'trash', name: 'Trash' },
      { key: 'recycling', name: 'Recycling' },
    ],
  }),
  def('days', AttributeDatatype.number),
  def('seen_at', AttributeDatatype.datetime),
  def('plate', AttributeDatatype.string),
  def('note', AttributeDatatype.text, { variable: false }),
];

describe('checkAttributeAnswers', () => {
  it('accepts good answers and keeps a multivaluelist an array even with one value', () => {
    const check = checkAttributeAnswers(POTHOLE, [
      { code: 'size', values: ['large'] },
      { code: 'kinds', values: ['trash'] },
      { code: 'days', values: [' 4.5 '] },
      { code: 'seen_at', values: ['2026-11-24T09:30:00-05:00'] },
      { code: 'plate', values: ['ABC 123'] },
    ]);
    expect(check.problems).toEqual([]);
    expect(check.values).toEqual({
      size: 'large',
      kinds: ['trash'],
      days: '4.5',
      seen_at: '2026-11-24T09:30:00-05:00',
      plate: 'ABC 123',
    });
  });

  it('names every bad attribute at once', () => {
    const check = checkAttributeAnswers(POTHOLE, [
      { code: 'kinds', values: ['trash', 'gold'] },
      { code: 'days', values: ['four'] },
      { code: 'seen_at', values: ['yesterday'] },
      { code: 'colour', values: ['red'] },
    ]);
    expect(check.problems.map((p) => p.field).sort()).toEqual(
      [
        'attributes.colour',
        'attributes.days',
        'attributes.kinds',
        'attributes.seen_at',
        'attributes.size',
      ].sort(),
    );
    expect(check.problems.find((p) => p.field === 'attributes.size')?.reason).toBe('is required');
    expect(check.problems.find((p) => p.field === 'attributes.kinds')?.reason).toContain(
      '"gold" is not among the keys: trash, recycling',
    );
    expect(check.problems.find((p) => p.field === 'attributes.colour')?.reason).toContain(
      'size, kinds, days, seen_at, plate',
    );
  });

  it.each([
    ['a singlevaluelist key that is not listed', 'size', ['medium'], 'not among the keys'],
    ['two values for a singlevaluelist', 'size', ['small', 'large'], 'takes one value'],
    ['two values for a number', 'days', ['1', '2'], 'takes one value'],
    ['a number with junk after it', 'days', ['3 days'], 'must be a number'],
    ['Infinity', 'days', ['Infinity'], 'must be a number'],
    ['a datetime without a zone', 'seen_at', ['2026-11-24T09:30:00'], 'ISO 8601'],
    ['a date that does not exist', 'seen_at', ['2026-02-30T09:30:00Z'], 'ISO 8601'],
    ['an answer to an informational attribute', 'note', ['hello'], 'not a question'],
    ['an over-long answer', 'plate', ['x'.repeat(4001)], 'at most 4000'],
  ])('refuses %s', (_what, code, values, reason) => {
    const answers = [
      { code: 'size', values: ['small'] },
      ...(code === 'size' ? [] : [{ code, values }]),
    ];
    const check = checkAttributeAnswers(POTHOLE, code === 'size' ? [{ code, values }] : answers);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatchObject({ field: `attributes.${code}` });
    expect(check.problems[0].reason).toContain(reason);
  });

  it('treats blank values as no answer, and refuses a code answered twice', () => {
    expect(checkAttributeAnswers(POTHOLE, [{ code: 'size', values: ['  '] }]).problems).toEqual([
      { field: 'attributes.size', reason: 'is required' },
    ]);
    const twice = checkAttributeAnswers(POTHOLE, [
      { code: 'size', values: ['small'] },
      { code: 'size', values: ['large'] },
    ]);
    expect(twice.problems).toEqual([
      { field: 'attributes.size', reason: 'answered more than once' },
    ]);
  });

  it('leaves required answers to triage when asked, but still checks what was given', () => {
    expect(checkAttributeAnswers(POTHOLE, [], { requireAnswers: false }).problems).toEqual([]);
    expect(
      checkAttributeAnswers(POTHOLE, [{ code: 'days', values: ['x'] }], { requireAnswers: false })
        .problems,
    ).toHaveLength(1);
  });

  it('refuses any answer for a service without attributes', () => {
    const check = checkAttributeAnswers([], [{ code: 'size', values: ['small'] }]);
    expect(check.problems).toEqual([
      { field: 'attributes.size', reason: 'not an attribute of this service; it has none' },
    ]);
  });
});

describe('isIsoDateTime', () => {
  it.each(['2026-11-24T09:30Z', '2026-11-24T09:30:00.123Z', '2024-02-29T23:59:59+14:00'])(
    'accepts %s',
    (v) => {
      expect(isIsoDateTime(v)).toBe(true);
    },
  );
  it.each([
    '2026-11-24',
    '2025-02-29T00:00:00Z',
    '2026-11-24T24:00:00Z',
    '2026-11-24 09:30:00Z',
    '',
  ])('refuses %s', (v) => {
    expect(isIsoDateTime(v)).toBe(false);
  });
});
