// What the rest of routing may use of business calendars and service levels (docs/adr/0054).
export { CalendarsModule } from './calendars.module.js';
export { BusinessCalendarEntity } from './business-calendar.entity.js';
export { BusinessCalendarRepository } from './business-calendar.repository.js';
export { DEFAULT_CALENDAR_CODE } from './business-calendar.js';
export { ServiceLevels, type ServiceLevelCalendars } from './service-levels.js';
export { countOn, timeLeft, type BusinessClock, type ServiceLevelTarget } from './business-time.js';
export { usFederalHolidays } from './us-federal-holidays.js';
