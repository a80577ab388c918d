import { registerEnumType } from '@nestjs/graphql';
import {
  CaseStatus,
  Channel,
  OpenDataLocation,
  Priority,
  SlaClock,
  SlaState,
} from '@civitas/contracts';

// Shared enums, registered once under the same names in every subgraph so they compose.
registerEnumType(Channel, { name: 'Channel', description: 'How a contact reached government.' });
registerEnumType(CaseStatus, { name: 'CaseStatus' });
registerEnumType(Priority, { name: 'Priority' });
registerEnumType(SlaClock, {
  name: 'SlaClock',
  description: 'BUSINESS: hours counted in the department calendar; CALENDAR: around the clock.',
});
registerEnumType(SlaState, {
  name: 'SlaState',
  description: 'Where a case stands against its service-level target, as of the query.',
});
registerEnumType(OpenDataLocation, {
  name: 'OpenDataLocation',
  description: "Where a service's requests appear in open data.",
  valuesMap: {
    GRID: { description: 'A point snapped to the open-data grid (OPEN_DATA_GRID_METERS).' },
    DISTRICT: { description: 'Only the district: for sensitive services.' },
    NONE: { description: 'No place at all.' },
  },
});
