/** How a contact reached government. */
export enum Channel {
  Web = 'WEB',
  Mobile = 'MOBILE',
  Open311 = 'OPEN311',
  Phone = 'PHONE',
  WalkIn = 'WALK_IN',
  Letter = 'LETTER',
  Email = 'EMAIL',
  LegacyImport = 'LEGACY_IMPORT',
}

export enum CaseStatus {
  New = 'NEW',
  Open = 'OPEN',
  InProgress = 'IN_PROGRESS',
  OnHold = 'ON_HOLD',
  Closed = 'CLOSED',
}

export enum Priority {
  Emergency = 'EMERGENCY',
  High = 'HIGH',
  Normal = 'NORMAL',
  Low = 'LOW',
}
