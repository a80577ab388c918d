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
  location: {
    latitude: number | null;
    longitude: number | null;
    address: string | null;
    addressId?: string | null;
  };
  service: { code: string; name?: string | null } | null;
  department: { name: string } | null;
  attributes: { code: string; values: string[] }[] | null;
  timeline: { at: string; kind: string; summary: string }[] | null;
}

export type Open311Request = Record<string, unknown>;

const NOTE_OF_KIND: Readonly<Record<string, { summary: string; type: string }>> = {
  OPENED: { summary: 'Request opened', type: 'opened' },
  ROUTED: { summary: 'Request assigned', type: 'activity' },
  STATUS_CHANGED: { summary: 'Status changed', type: 'activity' },
  NOTE: { summary: 'Comment', type: 'comment' },
};

/**
 * A case → an Open311 request. With `extensions`, also what Chicago's extended API serves:
 * `attributes`, `extended_attributes` (channel), and `notes` from the public timeline.
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
  return {
    ...request,
    attributes: Object.fromEntries(
      (found.attributes ?? []).map((a) => [a.code, a.values.length === 1 ? a.values[0] : a.values]),
    ),
    extended_attributes: { channel: found.channel.toLowerCase() },
    notes: timeline.map((entry) => {
      const note = NOTE_OF_KIND[entry.kind] ?? { summary: 'Activity', type: 'activity' };
      return {
        datetime: entry.at,
        summary: note.summary,
        description: entry.summary,
        type: note.type,
      };
    }),
  };
}
