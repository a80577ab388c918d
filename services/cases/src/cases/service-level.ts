import { CaseStatus, SlaClock, SlaState } from '@civitas/contracts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Routing's at-risk point, for events from a routing that did not send one (docs/adr/0054). */
const AT_RISK_FRACTION = 0.8;

/** The target routing gave a case, as cases keeps it. */
export interface ServiceLevelColumns {
  slaClock: SlaClock;
  slaHours: number;
  atRiskAt: Date;
}

/**
 * What `case-routed` says of the target; an event from an older routing says only `dueAt`: it
 * counted CALENDAR hours from opening, and the case is at risk 80% of the way (docs/adr/0054).
 */
export function serviceLevelOf(
  routed: { dueAt: string; slaClock?: SlaClock; slaHours?: number; atRiskAt?: string },
  openedAt: Date,
): ServiceLevelColumns {
  const dueAt = new Date(routed.dueAt).getTime();
  const opened = openedAt.getTime();
  return {
    slaClock: routed.slaClock ?? SlaClock.CALENDAR,
    slaHours: routed.slaHours ?? Math.max(1, Math.round((dueAt - opened) / HOUR_MS)),
    atRiskAt: routed.atRiskAt
      ? new Date(routed.atRiskAt)
      : new Date(opened + Math.round((dueAt - opened) * AT_RISK_FRACTION)),
  };
}

export interface SlaFacts {
  status: CaseStatus;
  dueAt: Date;
  atRiskAt: Date;
  closedAt: Date | null;
  /**
   * Paused on hold since then, with `heldMinutes` of the target's clock left (docs/adr/0068):
   * routing pauses only a case not yet past its due time. Absent or null while the clock runs.
   */
  heldSince?: Date | null;
  heldMinutes?: number | null;
}

export interface SlaStanding {
  state: SlaState;
  /**
   * Calendar minutes from `now` to the due time (negative once overdue), whatever the target's
   * clock; for a closed case, from its closing, so it no longer moves.
   */
  remainingMinutes: number;
}

/**
 * Where a case stands against its target at `now` (passed in: no clock is read here). A closed
 * case MET its target when closed by the due time and MISSED it otherwise, never OVERDUE; an open
 * one is OVERDUE past its due time, AT_RISK from its at-risk time, ON_TRACK before. A case whose
 * clock is paused on hold stands as it did when paused, its time left frozen (docs/adr/0068).
 */
export function slaStanding(facts: SlaFacts, now: Date): SlaStanding {
  if (facts.heldSince) {
    // The clock stopped: the standing it had then, the time then left, for as long as it is
    // held; closed while held, it met its target (it was not late when put on hold).
    const held = facts.heldSince.getTime();
    return {
      state:
        facts.status === CaseStatus.CLOSED
          ? SlaState.MET
          : held >= facts.atRiskAt.getTime()
            ? SlaState.AT_RISK
            : SlaState.ON_TRACK,
      remainingMinutes: facts.heldMinutes ?? Math.floor((facts.dueAt.getTime() - held) / MINUTE_MS),
    };
  }
  const due = facts.dueAt.getTime();
  if (facts.status === CaseStatus.CLOSED && facts.closedAt) {
    const closed = facts.closedAt.getTime();
    return {
      state: closed <= due ? SlaState.MET : SlaState.MISSED,
      remainingMinutes: Math.floor((due - closed) / MINUTE_MS),
    };
  }
  const at = now.getTime();
  const state =
    at > due
      ? SlaState.OVERDUE
      : at >= facts.atRiskAt.getTime()
        ? SlaState.AT_RISK
        : SlaState.ON_TRACK;
  return { state, remainingMinutes: Math.floor((due - at) / MINUTE_MS) };
}
