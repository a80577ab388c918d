import {
  Priority,
  type CaseDeadlinesMovedV1,
  type CaseOverdueV1,
  type CaseRoutedV1,
  type LegacyOrigin,
  type QueueAssignment,
  type SlaClock,
} from '@civitas/contracts';
import { aCaseRef, isoNow, PayloadBuilder, type CaseRef } from './payload-builder.js';

const DAY_MS = 86_400_000;

/** `routing.evt.case-routed.v1`: a pothole routed to streets' triage queue now, due in a day. */
export class CaseRoutedBuilder extends PayloadBuilder<CaseRoutedV1> {
  constructor() {
    super({
      ...aCaseRef(),
      serviceCode: 'pothole',
      departmentCode: 'streets',
      queueCode: 'streets-triage',
      priority: Priority.NORMAL,
      dueAt: isoNow(DAY_MS),
      routedAt: isoNow(),
    });
  }

  forCase(ref: CaseRef & { serviceCode?: string }): this {
    return this.with({
      caseId: ref.caseId,
      ticketNumber: ref.ticketNumber,
      ...(ref.serviceCode ? { serviceCode: ref.serviceCode } : {}),
    });
  }

  forService(serviceCode: string): this {
    return this.with({ serviceCode });
  }

  toDepartment(departmentCode: string, queueCode = `${departmentCode}-triage`): this {
    return this.with({ departmentCode, queueCode });
  }

  withPriority(priority: Priority): this {
    return this.with({ priority });
  }

  due(at: Date | string): this {
    return this.with({ dueAt: typeof at === 'string' ? at : at.toISOString() });
  }

  /** The target as routing sends it since 2026-12 (omitted: an older routing's event). */
  withServiceLevel(level: { clock: SlaClock; hours: number; atRiskAt: Date | string }): this {
    const atRiskAt =
      typeof level.atRiskAt === 'string' ? level.atRiskAt : level.atRiskAt.toISOString();
    return this.with({ slaClock: level.clock, slaHours: level.hours, atRiskAt });
  }

  routedAt(at: Date | string): this {
    return this.with({ routedAt: typeof at === 'string' ? at : at.toISOString() });
  }

  /** The queue's assignment policy, as routing sends it since 2026-12 (docs/adr/0059). */
  withAssignment(assignment: QueueAssignment): this {
    return this.with({ assignment });
  }

  inDistrict(districtCode: string): this {
    return this.with({ districtCode });
  }

  /** Imported history: it travels in `aHistoryRouted()` batches. */
  imported(legacy: LegacyOrigin): this {
    return this.with({ legacy });
  }
}

export const aCaseRouted = (): CaseRoutedBuilder => new CaseRoutedBuilder();

/** `routing.evt.case-overdue.v1`: a pothole of streets found overdue now, due an hour ago. */
export class CaseOverdueBuilder extends PayloadBuilder<CaseOverdueV1> {
  constructor() {
    super({
      ...aCaseRef(),
      serviceCode: 'pothole',
      departmentCode: 'streets',
      dueAt: isoNow(-3_600_000),
      detectedAt: isoNow(),
    });
  }

  forCase(ref: CaseRef): this {
    return this.with({ caseId: ref.caseId, ticketNumber: ref.ticketNumber });
  }

  ofDepartment(departmentCode: string): this {
    return this.with({ departmentCode });
  }

  forService(serviceCode: string): this {
    return this.with({ serviceCode });
  }

  /** When the deadline timer found the case overdue (escalated it). */
  detectedAt(at: Date | string): this {
    return this.with({ detectedAt: typeof at === 'string' ? at : at.toISOString() });
  }

  due(at: Date | string): this {
    return this.with({ dueAt: typeof at === 'string' ? at : at.toISOString() });
  }

  /** The department's escalation mailbox and names, as routing's catalog gives them. */
  toMailbox(escalationEmail: string, names: { department: string; service: string }): this {
    return this.with({
      escalationEmail,
      departmentName: names.department,
      serviceName: names.service,
    });
  }
}

export const aCaseOverdue = (): CaseOverdueBuilder => new CaseOverdueBuilder();

const iso = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString());

/**
 * `routing.evt.case-deadlines-moved.v1` (docs/adr/0068): by default a case's clock paused on hold
 * now with an hour left; `resumedAt` starts it again with a moved due time.
 */
export class CaseDeadlinesMovedBuilder extends PayloadBuilder<CaseDeadlinesMovedV1> {
  constructor() {
    super({
      ...aCaseRef(),
      held: true,
      dueAt: null,
      atRiskAt: null,
      remainingMinutes: 60,
      at: isoNow(),
    });
  }

  forCase(ref: CaseRef): this {
    return this.with({ caseId: ref.caseId, ticketNumber: ref.ticketNumber });
  }

  /** Paused on hold `at`, with `minutesLeft` of the target's clock left. */
  heldAt(at: Date | string, minutesLeft = 60): this {
    return this.with({
      held: true,
      dueAt: null,
      atRiskAt: null,
      remainingMinutes: minutesLeft,
      at: iso(at),
    });
  }

  /** Resumed `at`, now due at `dueAt` (at risk at `atRiskAt`, by default the due time). */
  resumedAt(at: Date | string, dueAt: Date | string, atRiskAt: Date | string = dueAt): this {
    const minutesLeft = Math.max(
      0,
      Math.floor((Date.parse(iso(dueAt)) - Date.parse(iso(at))) / 60_000),
    );
    return this.with({
      held: false,
      dueAt: iso(dueAt),
      atRiskAt: iso(atRiskAt),
      remainingMinutes: minutesLeft,
      at: iso(at),
    });
  }
}

export const aCaseDeadlinesMoved = (): CaseDeadlinesMovedBuilder => new CaseDeadlinesMovedBuilder();
