import { Injectable } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import { DEFAULT_CALENDAR_CODE } from './business-calendar.js';
import {
  BusinessCalendarRepository,
  type DepartmentCalendars,
} from './business-calendar.repository.js';
import {
  BusinessClock,
  serviceLevelTarget,
  type ServiceLevelQuestion,
  type ServiceLevelTarget,
} from './business-time.js';

/** The targets of cases routed together, from the calendars read once for all of them. */
export class ServiceLevelCalendars {
  private readonly clocks = new Map<string, BusinessClock>();

  constructor(private readonly loaded: DepartmentCalendars) {}

  /** The target of a case owned by `departmentCode`, in that department's calendar. */
  targetFor(departmentCode: string, question: ServiceLevelQuestion): ServiceLevelTarget {
    return serviceLevelTarget(question, this.clockOf(departmentCode));
  }

  /** The business clock of `departmentCode`'s calendar (pausing on hold counts in it too). */
  clockOf(departmentCode: string): BusinessClock {
    // Every department has a calendar (a foreign key, `default` unless set); one created after
    // the calendars were read has the default.
    const code = this.loaded.departments.get(departmentCode) ?? DEFAULT_CALENDAR_CODE;
    let clock = this.clocks.get(code);
    if (!clock) {
      const calendar = this.loaded.calendars.get(code);
      if (!calendar) {
        throw new Error(`No business calendar "${code}" for department ${departmentCode}`);
      }
      clock = new BusinessClock(calendar);
      this.clocks.set(code, clock);
    }
    return clock;
  }
}

/**
 * Where routing's decisions (live routing, imported history, previews) get due and at-risk
 * times: `load` once per batch, then `targetFor` per case (docs/adr/0054).
 */
@Injectable()
export class ServiceLevels {
  constructor(private readonly calendars: BusinessCalendarRepository) {}

  async load(tx?: Transaction): Promise<ServiceLevelCalendars> {
    return new ServiceLevelCalendars(await this.calendars.withDepartments(tx));
  }
}
