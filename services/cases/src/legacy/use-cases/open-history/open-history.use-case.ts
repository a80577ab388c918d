import { Injectable, Logger } from '@nestjs/common';
import {
  CaseStatus,
  HISTORY_BATCH_MAX,
  HistoryOpened,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CaseRepository, caseFromSubmission, caseOpenedOf } from '../../../cases/index.js';
import { TimelineKind, TimelineRepository } from '../../../timeline/index.js';
import { LegacyCasesRepository } from '../../../legacy-origins/index.js';

/**
 * Opens a batch of imported history as cases (docs/adr/0022): one insert for the cases, one for
 * their timelines, one for their origins, and `history-opened` for the cases not opened before.
 * History has no reporter to resolve: legacy exports carry no contact details we import.
 */
@Injectable()
export class OpenHistoryUseCase {
  private readonly logger = new Logger(OpenHistoryUseCase.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
    private readonly legacyCases: LegacyCasesRepository,
  ) {}

  async execute(submissions: SubmissionAcceptedV1[], tx: Transaction): Promise<number> {
    const now = new Date();
    const entities = submissions.map((s) => caseFromSubmission(s, null, now));
    // A submission opens one case: one already opened (a redelivery) is skipped.
    const fresh = await this.cases.openMany(tx, entities);
    const opened = entities
      .map((entity, i) => ({ entity, submission: submissions[i] }))
      .filter(({ entity }) => fresh.has(entity.id));
    await this.timeline.appendMany(
      tx,
      opened.map(({ entity }) => ({
        caseId: entity.id,
        kind: TimelineKind.Opened,
        summary: `Received via ${entity.channel}`,
        // Received is new; an imported closure follows on the timeline.
        caseStatus: CaseStatus.NEW,
        at: entity.openedAt,
      })),
    );
    await this.legacyCases.recordOrigins(
      tx,
      opened.flatMap(({ entity, submission }) =>
        submission.legacy ? [{ caseId: entity.id, legacy: submission.legacy }] : [],
      ),
    );
    if (opened.length > 0) {
      await tx.emitChunked(
        HistoryOpened,
        opened.map(({ entity, submission }) => caseOpenedOf(entity, submission)),
        (chunk) => ({ cases: chunk }),
        { maxItems: HISTORY_BATCH_MAX },
      );
    }
    this.logger.log({
      msg: 'imported cases opened',
      opened: opened.length,
      alreadyOpen: submissions.length - opened.length,
    });
    return opened.length;
  }
}
