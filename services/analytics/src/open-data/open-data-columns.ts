import { OpenDataLocation } from '@civitas/contracts';
import { gridCellOf, STORED_CELL_METRES } from '../case-facts/index.js';

/** A case fact as open data reads it: public cases only, and only these columns. */
export interface OpenDataFact {
  ticket_number: string;
  service_code: string;
  department_code: string | null;
  status: string;
  opened_at: Date;
  closed_at: Date | null;
  district_code: string | null;
  channel: string | null;
  cell_latitude: number | null;
  cell_longitude: number | null;
  public_description: string | null;
}

/** How routing's catalog says a service may be published (docs/adr/0057). */
export interface OpenDataPolicy {
  serviceName: string;
  location: OpenDataLocation;
  description: boolean;
}

/**
 * The policy of a service routing no longer offers (or does not know): published, but with no
 * place and no text, since nobody can say those are safe.
 */
export const UNKNOWN_SERVICE_POLICY = (code: string): OpenDataPolicy => ({
  serviceName: code,
  location: OpenDataLocation.NONE,
  description: false,
});

export type OpenDataValue = string | number | null;

interface Column {
  name: string;
  type: 'string' | 'number' | 'datetime';
  description: string;
}

/** Every column of the files, in order; `dictionary.json` is made from this list. */
export const OPEN_DATA_COLUMNS: readonly Column[] = [
  { name: 'ticket', type: 'string', description: 'The ticket number of the request.' },
  { name: 'service_code', type: 'string', description: 'The service requested (catalog code).' },
  { name: 'service_name', type: 'string', description: "The service's name in the catalog." },
  {
    name: 'department',
    type: 'string',
    description: 'Code of the department that owns the request; empty until it is routed.',
  },
  {
    name: 'status',
    type: 'string',
    description: 'NEW, OPEN, IN_PROGRESS, ON_HOLD or CLOSED, as of the file.',
  },
  { name: 'created', type: 'datetime', description: 'When it was received (ISO 8601, UTC).' },
  {
    name: 'closed',
    type: 'datetime',
    description: 'When it was closed (ISO 8601, UTC); empty while open.',
  },
  {
    name: 'district',
    type: 'string',
    description:
      "Code of the district it is in; empty without a place, outside every district, or when the service's requests are published without any place.",
  },
  {
    name: 'channel',
    type: 'string',
    description: 'How it reached government: WEB, MOBILE, OPEN311, PHONE, EMAIL, …',
  },
  {
    name: 'latitude',
    type: 'number',
    description:
      'Latitude of the centre of the grid cell the request is in (see grid_meters), never the exact place; empty for services published by district only or without a place.',
  },
  {
    name: 'longitude',
    type: 'number',
    description: 'Longitude of the same grid cell centre; empty when latitude is.',
  },
  {
    name: 'description',
    type: 'string',
    description:
      "What the reporter wrote, only for services whose descriptions are published, with e-mail addresses, phone numbers and the reporter's own name removed; empty otherwise.",
  },
];

/**
 * One public row: the fact as its service's policy allows. The grid cell is the stored 100 m one,
 * or a coarser cell of `gridMeters` holding its centre.
 */
export function openDataRow(
  fact: OpenDataFact,
  policy: OpenDataPolicy,
  gridMeters: number,
): OpenDataValue[] {
  const onGrid =
    policy.location === OpenDataLocation.GRID &&
    fact.cell_latitude !== null &&
    fact.cell_longitude !== null
      ? gridMeters === STORED_CELL_METRES
        ? { latitude: fact.cell_latitude, longitude: fact.cell_longitude }
        : gridCellOf(fact.cell_latitude, fact.cell_longitude, gridMeters)
      : null;
  return [
    fact.ticket_number,
    fact.service_code,
    policy.serviceName,
    fact.department_code,
    fact.status,
    fact.opened_at.toISOString(),
    fact.closed_at?.toISOString() ?? null,
    policy.location === OpenDataLocation.NONE ? null : fact.district_code,
    fact.channel,
    onGrid?.latitude ?? null,
    onGrid?.longitude ?? null,
    policy.description ? fact.public_description : null,
  ];
}
