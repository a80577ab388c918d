import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CaseStatus } from '@civitas/contracts';
import { sharedDataPath } from '@civitas/testing';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { toXml } from '../xml/xml-serialiser.js';
import { toOpen311Request, type GraphCase } from './request.mapper.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const schema = (name: string) =>
  JSON.parse(readFileSync(sharedDataPath('open311-schemas', name), 'utf8')) as object;
ajv.addSchema(schema('request.json'), 'request.json');
const validRequests = ajv.compile(schema('requests.json'));

const chicago = JSON.parse(
  readFileSync(sharedDataPath('open311-samples', 'chicago_requests_2014_extensions.json'), 'utf8'),
) as { extended_attributes: Record<string, unknown> }[];
const chicagoDuplicate = chicago.find((r) => r.extended_attributes.duplicate === true)!;

function graphCase(overrides: Partial<GraphCase> = {}): GraphCase {
  return {
    ticketNumber: 'SR-2026-0000124',
    status: CaseStatus.OPEN,
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:01.000Z',
    closedAt: null,
    dueAt: '2026-11-23T09:00:00.000Z',
    description: 'Street light out',
    mediaUrl: null,
    channel: 'PHONE',
    district: null,
    location: { latitude: 41.75, longitude: -87.74, address: '4700 W 77th St', addressId: null },
    service: { code: 'streetlight', name: 'Street light out' },
    department: { name: 'Electrical Operations' },
    duplicateOf: null,
    attributes: [{ code: 'pole_number', values: ['P-17'] }],
    timeline: [
      { at: '2026-11-20T09:00:00.000Z', kind: 'OPENED', summary: 'Received via PHONE' },
      { at: '2026-11-20T09:00:01.000Z', kind: 'ROUTED', summary: 'Assigned to streets' },
    ],
    ...overrides,
  };
}

/** What cases answers once staff marked SR-2026-0000124 a duplicate of SR-2026-0000101. */
const duplicate = graphCase({
  status: CaseStatus.CLOSED,
  closedAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
  duplicateOf: { ticketNumber: 'SR-2026-0000101' },
  timeline: [
    ...graphCase().timeline!,
    {
      at: '2026-11-21T10:00:00.000Z',
      kind: 'STATUS_CHANGED',
      summary: 'Closed: duplicate of SR-2026-0000101',
    },
  ],
});

describe('Open311 request mapping', () => {
  it('serves a duplicate as Chicago does: closed, duplicate, its parent, and a closed note last', () => {
    const request = toOpen311Request(duplicate, true);
    expect(request).toMatchObject({
      status: 'closed',
      status_notes: 'Closed: duplicate of SR-2026-0000101',
      updated_datetime: '2026-11-21T10:00:00.000Z',
    });
    expect(request.extended_attributes).toEqual({
      duplicate: true,
      parent_service_request_id: 'SR-2026-0000101',
      channel: 'phone',
      followers: 0,
    });
    // Chicago's keys, types and order (its duplicate also has ward, police and zip); then ours.
    const ours = Object.keys(request.extended_attributes as object).filter(
      (k) => k !== 'followers',
    );
    expect(
      Object.keys(chicagoDuplicate.extended_attributes).filter((k) => ours.includes(k)),
    ).toEqual(ours);
    for (const key of ours) {
      expect([key, typeof (request.extended_attributes as Record<string, unknown>)[key]]).toEqual([
        key,
        typeof chicagoDuplicate.extended_attributes[key],
      ]);
    }
    expect((request.notes as { type: string }[]).map((n) => n.type)).toEqual([
      'opened',
      'activity',
      'closed',
    ]);
    expect((request.notes as object[]).at(-1)).toEqual({
      datetime: '2026-11-21T10:00:00.000Z',
      summary: 'Request closed',
      description: 'Closed: duplicate of SR-2026-0000101',
      type: 'closed',
    });
    expect(validRequests([request, toOpen311Request(duplicate, false)])).toBe(true);
  });

  it('says nothing of duplicates for a case that is not one, and nothing extended without extensions', () => {
    const request = toOpen311Request(graphCase(), true);
    expect(request.extended_attributes).toEqual({ channel: 'phone', followers: 0 });
    expect(request.attributes).toEqual({ pole_number: 'P-17' });
    const plain = toOpen311Request(duplicate, false);
    expect(plain).not.toHaveProperty('extended_attributes');
    expect(plain).not.toHaveProperty('notes');
    expect(validRequests([request, plain])).toBe(true);
  });

  it('names the parts of a split case and the case a part was split from (docs/adr/0062)', () => {
    const parent = toOpen311Request(
      graphCase({
        children: [{ ticketNumber: 'SR-2026-0000125' }, { ticketNumber: 'SR-2026-0000126' }],
        timeline: [
          ...graphCase().timeline!,
          {
            at: '2026-11-20T10:00:00.000Z',
            kind: 'SPLIT',
            summary: 'Split into SR-2026-0000125, SR-2026-0000126',
          },
        ],
      }),
      true,
    );
    expect(parent.extended_attributes).toEqual({
      channel: 'phone',
      followers: 0,
      split_into: 'SR-2026-0000125,SR-2026-0000126',
    });
    expect((parent.notes as { summary: string }[]).at(-1)).toMatchObject({
      summary: 'Request split',
      description: 'Split into SR-2026-0000125, SR-2026-0000126',
    });
    const part = toOpen311Request(
      graphCase({ ticketNumber: 'SR-2026-0000125', parent: { ticketNumber: 'SR-2026-0000124' } }),
      true,
    );
    expect(part.extended_attributes).toEqual({
      channel: 'phone',
      followers: 0,
      split_from: 'SR-2026-0000124',
    });
    expect(validRequests([parent, part])).toBe(true);
    expect(toXml('service_requests', [parent])).toContain(
      '<split_into>SR-2026-0000125,SR-2026-0000126</split_into>',
    );
  });

  it('serves an imported case’s district in extended_attributes, not among the answers', () => {
    const imported = graphCase({
      channel: 'LEGACY_IMPORT',
      status: CaseStatus.CLOSED,
      closedAt: '2014-04-03T15:30:00.000Z',
      district: 'Ward 18',
      attributes: [{ code: 'district', values: ['Ward 18'] }],
    });
    const request = toOpen311Request(imported, true);
    expect(request.extended_attributes).toEqual({
      channel: 'legacy_import',
      district: 'Ward 18',
      followers: 0,
    });
    expect(request.attributes).toEqual({});
    expect(validRequests([request])).toBe(true);
  });

  it('serves the district routing placed a live case in, keeping an answer coded district among the answers', () => {
    const live = graphCase({
      channel: 'OPEN311',
      district: 'lower-manhattan',
      attributes: [{ code: 'district', values: ['north'] }],
    });
    const request = toOpen311Request(live, true);
    expect(request.extended_attributes).toEqual({
      channel: 'open311',
      district: 'lower-manhattan',
      followers: 0,
    });
    expect(request.attributes).toEqual({ district: 'north' });
    expect(validRequests([request])).toBe(true);
  });

  it('serves the "me too" count as followers, in JSON and XML', () => {
    const followed = toOpen311Request(graphCase({ followers: 3 }), true);
    expect(followed.extended_attributes).toEqual({ channel: 'phone', followers: 3 });
    expect(validRequests([followed])).toBe(true);
    expect(toXml('service_requests', [followed])).toContain(
      '<extended_attributes><channel>phone</channel><followers>3</followers></extended_attributes>',
    );
  });

  it('writes the duplicate link in XML as in JSON', () => {
    const xml = toXml('service_requests', [toOpen311Request(duplicate, true)]);
    expect(xml).toContain(
      '<status>closed</status><status_notes>Closed: duplicate of SR-2026-0000101</status_notes>',
    );
    expect(xml).toContain(
      '<extended_attributes><duplicate>true</duplicate><parent_service_request_id>SR-2026-0000101</parent_service_request_id><channel>phone</channel><followers>0</followers></extended_attributes>',
    );
    expect(xml).toContain('<summary>Request closed</summary>');
    expect(xml).toMatch(/<type>closed<\/type><\/note><\/notes><\/request><\/service_requests>$/);
  });
});
