// Keys equal values: GraphQL enums take the keys, so they must read as the wire values.

/** How a contact reached government. */
export enum Channel {
  WEB = 'WEB',
  MOBILE = 'MOBILE',
  OPEN311 = 'OPEN311',
  PHONE = 'PHONE',
  WALK_IN = 'WALK_IN',
  LETTER = 'LETTER',
  EMAIL = 'EMAIL',
  LEGACY_IMPORT = 'LEGACY_IMPORT',
}

export enum CaseStatus {
  NEW = 'NEW',
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  ON_HOLD = 'ON_HOLD',
  CLOSED = 'CLOSED',
}

export enum Priority {
  EMERGENCY = 'EMERGENCY',
  HIGH = 'HIGH',
  NORMAL = 'NORMAL',
  LOW = 'LOW',
}

/**
 * How a service-level target's hours are counted: BUSINESS hours in the owning department's
 * calendar (opening hours, holidays skipped), or CALENDAR hours around the clock (docs/adr/0054).
 */
export enum SlaClock {
  BUSINESS = 'BUSINESS',
  CALENDAR = 'CALENDAR',
}

/**
 * Where a case stands against its target, as of when it is read (docs/adr/0054): open cases are
 * ON_TRACK, AT_RISK (from 80% of the target) or OVERDUE; closed ones MET or MISSED.
 */
export enum SlaState {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OVERDUE = 'OVERDUE',
  MET = 'MET',
  MISSED = 'MISSED',
}

/**
 * Where a service's requests are placed in open data (docs/adr/0057): a point snapped to a grid,
 * only the district (sensitive services), or nowhere.
 */
export enum OpenDataLocation {
  GRID = 'GRID',
  DISTRICT = 'DISTRICT',
  NONE = 'NONE',
}

/**
 * How a queue gives its new cases to people (docs/adr/0059): MANUAL leaves them unassigned for
 * someone to claim or a supervisor to assign; ROUND_ROBIN gives each to the next person in turn;
 * LEAST_LOADED to whoever has the fewest open cases. Both automatic policies skip people who are
 * inactive or at their capacity.
 */
export enum QueueAssignment {
  MANUAL = 'MANUAL',
  ROUND_ROBIN = 'ROUND_ROBIN',
  LEAST_LOADED = 'LEAST_LOADED',
}

/** How a case came to be assigned (or unassigned), on `case-assigned`. */
export enum AssignmentReason {
  /** A supervisor (or admin) assigned it, or took it away. */
  ASSIGNED = 'ASSIGNED',
  /** Someone took it for themselves. */
  CLAIMED = 'CLAIMED',
  /** The queue's policy gave it when the case was routed. */
  AUTOMATIC = 'AUTOMATIC',
  /** Its assignee was deactivated; the queue's policy gave it to someone else, or to nobody. */
  REASSIGNED = 'REASSIGNED',
}
