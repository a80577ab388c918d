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
