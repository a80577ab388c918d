import { Injectable, Logger } from '@nestjs/common';
import type { CaseDeadlinesMovedV1 } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CaseRepository } from '../../case.repository.js';
import { TimelineKind, TimelineRepository, Visibility } from '../../../timeline/index.js';
import { CaseNotYetOpenedError } from '../record-routing/record-routing.use-case.js';

/**
 * Records routing's pause or resumption of a case's clock (docs/adr/0068) for `Case.sla`, the
 * worklists and `overdueCases`, with an internal timeline entry. A move older than the last one
 * recorded (a redelivery overtaken by a newer one) changes nothing.
 */
@Injectable()
export class RecordDeadlinesMovedUseCase {
  private readonly logger = new Logger(RecordDeadlinesMovedUseCase.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(moved: CaseDeadlinesMovedV1, tx: Transaction): Promise<void> {
    const found = await this.cases.lockById(tx, moved.caseId);
    if (!found) {
      // Routing arms deadlines only for cases cases opened; retried if this ever comes first.
      throw new CaseNotYetOpenedError(`case ${moved.caseId} not found`);
    }
    const at = new Date(moved.at);
    if (found.slaMovedAt && found.slaMovedAt.getTime() > at.getTime()) {
      this.logger.log({ msg: 'older clock move ignored', caseId: found.id, at: moved.at });
      return;
    }
    if (moved.held) {
      await this.cases.pauseClock(tx, found.id, at, moved.remainingMinutes);
    } else if (moved.dueAt && moved.atRiskAt) {
      await this.cases.resumeClock(tx, found.id, at, {
        dueAt: new Date(moved.dueAt),
        atRiskAt: new Date(moved.atRiskAt),
      });
    } else {
      return;
    }
    await this.timeline.append(tx, {
      caseId: found.id,
      kind: moved.held ? TimelineKind.ClockPaused : TimelineKind.ClockResumed,
      summary: moved.held
        ? `Service-level clock paused on hold with ${minutes(moved.remainingMinutes)} left`
        : `Service-level clock resumed, due ${moved.dueAt}`,
      caseStatus: found.status,
      visibility: Visibility.Internal,
      at: new Date(Math.max(Date.now(), at.getTime())),
    });
  }
}

function minutes(n: number): string {
  const hours = Math.floor(n / 60);
  return hours > 0 ? `${hours} h ${n % 60} min` : `${n} min`;
}
