import { Injectable, Logger } from '@nestjs/common';
import {
  CaseStatus,
  MAX_SPLIT_PARTS,
  Role,
  SplitSubmission,
  type FieldProblem,
  type Identity,
  type SplitSubmissionReply,
} from '@civitas/contracts';
import { BusClient, BusRequestError, UnitOfWork } from '@civitas/messaging';
import { TimelineKind, TimelineRepository } from '../../../timeline/index.js';
import type { CaseEntity, SplitPartRecord } from '../../case.entity.js';
import { CaseErrorCode, CaseException } from '../../case.exception.js';
import { CaseReadScope } from '../../case-read-scope.js';
import { CaseRepository } from '../../case.repository.js';
import { assertMayWorkCase } from '../change-status/case-work-scope.js';

export interface SplitCasePart {
  serviceCode: string;
  description: string;
}

export interface SplitCaseCommand {
  ticketNumber: string;
  parts: SplitCasePart[];
  actor: Identity;
}

/**
 * Staff split a request that is really several (docs/adr/0062): each part becomes a case of its
 * own through the one way cases are made — intake numbers and accepts a submission per part, its
 * `submission-accepted` opens the case, routing routes it — and the parent records its parts at
 * once, so `children` and its timeline name them before they are opened.
 *
 * Agents may split any case (the contact centre hears "it is two problems", ADR 0019);
 * caseworkers and supervisors the cases of their departments. Intake is asked before the
 * transaction (ADR 0032) and answers the same tickets to the same split asked again, so a
 * retried split makes no second set of parts.
 */
@Injectable()
export class SplitCaseUseCase {
  private readonly logger = new Logger(SplitCaseUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: BusClient,
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(command: SplitCaseCommand): Promise<CaseEntity> {
    const parts = checkedParts(command.parts);
    const scope = CaseReadScope.of(command.actor);
    const found = await this.cases.byTicket(command.ticketNumber, scope);
    if (!found) {
      throw CaseException.notFound(command.ticketNumber);
    }
    this.assertMaySplit(command.actor, found);
    if (found.splitParts) {
      return this.alreadySplit(found, parts);
    }
    const reply = await this.askIntake(found, parts, command.actor);
    const split = await this.uow.run(async (tx) => {
      const parent = await this.cases.lockByTicket(tx, command.ticketNumber, scope);
      if (!parent) {
        throw CaseException.notFound(command.ticketNumber);
      }
      this.assertMaySplit(command.actor, parent);
      const records: SplitPartRecord[] = reply.children.map((c) => ({
        ticketNumber: c.ticketNumber,
        serviceCode: c.serviceCode,
      }));
      if (parent.splitParts) {
        // Split meanwhile by the same request retried: the same tickets, nothing to add.
        return sameTickets(parent.splitParts, records) ? parent : this.alreadySplit(parent, parts);
      }
      const now = new Date();
      await this.cases.recordSplit(tx, parent.id, records, now);
      await this.timeline.append(tx, {
        caseId: parent.id,
        kind: TimelineKind.Split,
        summary: splitSummary(reply, parent.private),
        caseStatus: parent.status,
        at: now,
        author: command.actor.sub,
      });
      return Object.assign(parent, { splitParts: records, updatedAt: now });
    });
    this.logger.log({
      msg: 'case split',
      ticketNumber: split.ticketNumber,
      parts: split.splitParts?.map((p) => p.ticketNumber),
      by: command.actor.sub,
    });
    return split;
  }

  private assertMaySplit(actor: Identity, found: CaseEntity): void {
    if (!actor.roles.includes(Role.Agent)) {
      assertMayWorkCase(actor, found);
    }
    if (found.status === CaseStatus.CLOSED) {
      throw new CaseException(
        CaseErrorCode.CaseClosed,
        `Case ${found.ticketNumber} is closed; reopen it to split it`,
        [{ field: 'ticketNumber', reason: 'the case is closed' }],
      );
    }
    if (found.parentCaseId) {
      throw new CaseException(
        CaseErrorCode.PartOfSplit,
        `Case ${found.ticketNumber} is a part of a split case; split the case it was split from`,
        [{ field: 'ticketNumber', reason: 'is a part of a split case' }],
      );
    }
  }

  /**
   * A case splits once. The same parts asked again (by service, in order) is a retry answered
   * with the case as it is; other parts are refused, naming the parts it has.
   */
  private alreadySplit(found: CaseEntity, parts: SplitCasePart[]): CaseEntity {
    const recorded = found.splitParts ?? [];
    if (
      recorded.length === parts.length &&
      recorded.every((r, i) => r.serviceCode === parts[i].serviceCode)
    ) {
      return found;
    }
    const tickets = recorded.map((r) => r.ticketNumber).join(', ');
    throw new CaseException(
      CaseErrorCode.AlreadySplit,
      `Case ${found.ticketNumber} is split already, into ${tickets}`,
      [{ field: 'ticketNumber', reason: `is split already, into ${tickets}` }],
    );
  }

  private async askIntake(
    parent: CaseEntity,
    parts: SplitCasePart[],
    actor: Identity,
  ): Promise<SplitSubmissionReply> {
    try {
      return await this.bus.request(SplitSubmission, {
        parentTicketNumber: parent.ticketNumber,
        parts,
        private: parent.private,
        splitBy: actor.sub,
      });
    } catch (error) {
      if (!(error instanceof BusRequestError)) {
        throw error;
      }
      switch (error.code) {
        case 'BAD_REQUEST':
          throw new CaseException(CaseErrorCode.InvalidInput, error.message, error.problems);
        case 'NOT_FOUND':
          throw CaseException.notFound(parent.ticketNumber);
        case 'UNAVAILABLE':
        case 'TIMEOUT':
          throw new CaseException(
            CaseErrorCode.IntakeUnavailable,
            'Intake, which numbers the parts, is not answering; try again shortly: the same split makes no second parts',
          );
        case 'FORBIDDEN':
        case 'CONFLICT':
        case 'INTERNAL':
          throw error;
      }
    }
  }
}

/** The parts trimmed, refused with the field named (`parts[1].serviceCode`) when blank. */
function checkedParts(parts: SplitCasePart[]): SplitCasePart[] {
  const problems: FieldProblem[] = [];
  if (parts.length < 1 || parts.length > MAX_SPLIT_PARTS) {
    problems.push({ field: 'parts', reason: `give between 1 and ${MAX_SPLIT_PARTS} parts` });
  }
  const trimmed = parts.map((part, i) => {
    const serviceCode = part.serviceCode.trim();
    const description = part.description.trim();
    if (!serviceCode) {
      problems.push({ field: `parts[${i}].serviceCode`, reason: 'must not be blank' });
    }
    if (!description) {
      problems.push({ field: `parts[${i}].description`, reason: 'must not be blank' });
    }
    return { serviceCode, description };
  });
  if (problems.length > 0) {
    throw new CaseException(
      CaseErrorCode.InvalidInput,
      `The parts are not right: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
      problems,
    );
  }
  return trimmed;
}

function sameTickets(a: readonly SplitPartRecord[], b: readonly SplitPartRecord[]): boolean {
  return a.length === b.length && a.every((r, i) => r.ticketNumber === b[i].ticketNumber);
}

/**
 * "Split into SR-…-0000124, SR-…-0000125": public, so the reporter sees where each part went. A
 * private part is not named to those who may not see it (ADR 0041) unless the parent is private
 * too (then only staff who may see it read this).
 */
function splitSummary(reply: SplitSubmissionReply, parentPrivate: boolean): string {
  const named = reply.children
    .filter((c) => parentPrivate || !c.private)
    .map((c) => c.ticketNumber);
  const hidden = reply.children.length - named.length;
  const words = [...named, ...(hidden > 0 ? [`${hidden} private request(s)`] : [])];
  return `Split into ${words.join(', ')}`;
}
