import { domainErrorFor } from '@civitas/contracts';

export enum CalendarErrorCode {
  InvalidTimeZone = 'INVALID_TIME_ZONE',
  InvalidHours = 'INVALID_OPENING_HOURS',
  InvalidHoliday = 'INVALID_HOLIDAY',
  DuplicateHoliday = 'DUPLICATE_HOLIDAY',
  UnknownCalendar = 'UNKNOWN_CALENDAR',
}

export class CalendarException extends domainErrorFor<CalendarErrorCode>({
  [CalendarErrorCode.InvalidTimeZone]: 'invalid',
  [CalendarErrorCode.InvalidHours]: 'invalid',
  [CalendarErrorCode.InvalidHoliday]: 'invalid',
  [CalendarErrorCode.DuplicateHoliday]: 'invalid',
  [CalendarErrorCode.UnknownCalendar]: 'invalid',
}) {}
