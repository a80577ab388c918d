import type { CaseStatus } from '@civitas/contracts';
import { open311Status } from './status.mapping.js';

/** A case as the Open311 read asks the graph for it (public fields only: no reporter). */
export interface GraphCase {
  ticketNumber: string;
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  dueAt: string | null;
  description: string | null;
  mediaUrl?: string | null;
  channel: string;
  /**
   * The district: the legacy one of an imported case that has one, else the code of the district
   * routing placed the case in; null when neither.
   */
  district?: string | null;
  location: {
    latitude: number | null;
    longitude: number | null;
    address: string | null;
    addressId?: string | null;
  };
  service: { code: string; name?: string | null } | null;
  department: { name: string } | null;
  /** The parent, when staff closed the case as its duplicate. */
  duplicateOf?: { ticketNumber: string } | null;
  /** How many reports were closed as its duplicates and follow it (docs/adr/0063). */
  followers?: number;
  /** The case it was split from (docs/adr/0062). */
  parent?: { ticketNumber: string } | null;
  /** The parts it was split into that the caller may see. */
  children?: { ticketNumber: string }[] | null;
  attributes: { code: string; values: string[] }[] | null;
  timeline: { at: string; kind: string; summary: string }[] | null;
}

export type Open311Request = Record<string, unknown>;

const NOTE_OF_KIND: Readonly<Record<string, { summary: string; type: string }>> = {
  OPENED: { summary: 'Request opened', type: 'opened' },
  ROUTED: { summary: 'Request assigned', type: 'activity' },
  STATUS_CHANGED: { summary: 'Status changed', type: 'activity' },
  NOTE: { summary: 'Comment', type: 'comment' },
  SPLIT: { summary: 'Request split', type: 'activity' },
};
/** A closure's public entry reads "Closed" or "Closed: <resolution>" (docs/case-work.md). */
const CLOSURE = /^Closed(:|$)/;
const CLOSED_NOTE = { summary: 'Request closed', type: 'closed' };

/**
 * A case → an Open311 request. With `extensions`, also what Chicago's extended API serves:
 * `attributes`, `extended_attributes` (duplicate link, channel, district), and `notes` from the
 * public timeline, a closure being a `closed` note.
 */
export function toOpen311Request(found: GraphCase, extensions: boolean): Open311Request {
  const timeline = found.timeline ?? [];
  const lastStatusChange = [...timeline].reverse().find((entry) => entry.kind === 'STATUS_CHANGED');
  const request: Open311Request = {
    service_request_id: found.ticketNumber,
    status: open311Status(found.status),
    status_notes: lastStatusChange?.summary ?? null,
    service_name: found.service?.name ?? null,
    service_code: found.service?.code ?? '',
    description: found.description,
    agency_responsible: found.department?.name ?? null,
    service_notice: null,
    requested_datetime: found.createdAt,
    updated_datetime: found.closedAt ?? found.updatedAt,
    expected_datetime: found.dueAt,
    address: found.location.address,
    address_id: found.location.addressId ?? null,
    zipcode: null,
    lat: found.location.latitude,
    long: found.location.longitude,
    media_url: found.mediaUrl ?? null,
  };
  if (!extensions) {
    return request;
  }
  // An imported case's district travels in its attributes; it is served where Chicago serves its
  // wards, not as an answer to one of the service's questions. A live case's answers are all
  // answers, even to a question coded `district`.
  const answers = (found.attributes ?? []).filter(
    (a) => !(found.channel === 'LEGACY_IMPORT' && found.district && a.code === 'district'),
  );
  return {
    ...request,
    attributes: Object.fromEntries(
      answers.map((a) => [a.code, a.values.length === 1 ? a.values[0] : a.values]),
    ),
    extended_attributes: extendedAttributes(found),
    notes: timeline.map((entry) => {
      const note =
        entry.kind === 'STATUS_CHANGED' && CLOSURE.test(entry.summary)
          ? CLOSED_NOTE
          : (NOTE_OF_KIND[entry.kind] ?? { summary: 'Activity', type: 'activity' });
      return {
        datetime: entry.at,
        summary: note.summary,
        description: entry.summary,
        type: note.type,
      };
    }),
  };
}

/**
 * Chicago's `extended_attributes`, in its order: `duplicate` and `parent_service_request_id` for
 * a duplicate, `channel`, then the district when known (Chicago's own are `ward`, `police`, `zip`;
 * Civitas knows one district: as the legacy system named it, or routing's district code). Then
 * Civitas's own `followers`: how many reports were joined to it as duplicates, the "me too" count
 * (docs/adr/0063), and for a split case (docs/adr/0062): `split_into` on the parent (its parts' ids,
 * comma-separated, as `service_request_id` takes them to fetch their statuses) and `split_from`
 * on a part; flat strings, so JSON and XML say the same.
 */
function extendedAttributes(found: GraphCase): Record<string, unknown> {
  const parts = (found.children ?? []).map((c) => c.ticketNumber);
  return {
    ...(found.duplicateOf
      ? { duplicate: true, parent_service_request_id: found.duplicateOf.ticketNumber }
      : {}),
    channel: found.channel.toLowerCase(),
    ...(found.district ? { district: found.district } : {}),
    followers: found.followers ?? 0,
    ...(parts.length > 0 ? { split_into: parts.join(',') } : {}),
    ...(found.parent ? { split_from: found.parent.ticketNumber } : {}),
  };
}
