import { Injectable, Logger } from '@nestjs/common';
import { SatisfactionRecorded } from '@civitas/contracts';
import { isSurveyLinkClaims, type SurveyLinkClaims, type TokenSigner } from '@civitas/crypto';
import { UnitOfWork } from '@civitas/messaging';
import { CaseReadScope, CaseRepository } from '../../../cases/index.js';
import { SatisfactionRepository } from '../../satisfaction.repository.js';
import { SatisfactionErrorCode, SatisfactionException } from '../../satisfaction.exception.js';
import { SurveyLinks } from '../../survey-links.js';

export interface SubmitSatisfactionCommand {
  token: string;
  /** 1 (not at all) to 5 (very), checked by the input. */
  score: number;
  comment: string | null;
}

export interface RecordedSatisfaction {
  ticketNumber: string;
  score: number;
  answeredAt: Date;
}

/**
 * A resident answers the survey link of a closure notice (docs/adr/0060). The link's signature
 * and expiry are checked first; then, in one transaction, the answer is recorded under the link's
 * id (a second answer through the same link finds it taken and is refused) and
 * `satisfaction-recorded` goes to the outbox for analytics.
 */
@Injectable()
export class SubmitSatisfactionUseCase {
  private readonly logger = new Logger(SubmitSatisfactionUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly links: SurveyLinks,
    private readonly cases: CaseRepository,
    private readonly answers: SatisfactionRepository,
  ) {}

  async execute(command: SubmitSatisfactionCommand): Promise<RecordedSatisfaction> {
    const claims = this.check(this.links.signer, command.token);
    const recorded = await this.uow.run(async (tx) => {
      const found = await this.cases.byId(claims.cid, CaseReadScope.ALL);
      if (!found) {
        // Signed by us for a case that is not here: a key shared with another installation.
        throw SatisfactionException.aboutField(
          SatisfactionErrorCode.LinkInvalid,
          'token',
          'is not a survey link of this service',
        );
      }
      const answeredAt = new Date();
      const first = await this.answers.recordOnce(tx, {
        linkId: claims.lid,
        caseId: found.id,
        score: command.score,
        comment: command.comment,
        answeredAt,
      });
      if (!first) {
        throw SatisfactionException.aboutField(
          SatisfactionErrorCode.AlreadyAnswered,
          'token',
          'has been used already: each survey link answers once',
        );
      }
      await tx.emit(SatisfactionRecorded, {
        caseId: found.id,
        ticketNumber: found.ticketNumber,
        serviceCode: found.serviceCode,
        score: command.score,
        answeredAt: answeredAt.toISOString(),
      });
      return { ticketNumber: found.ticketNumber, score: command.score, answeredAt };
    });
    this.logger.log({ msg: 'satisfaction recorded', ticketNumber: recorded.ticketNumber });
    return recorded;
  }

  private check(signer: TokenSigner | null, token: string): SurveyLinkClaims {
    if (!signer) {
      throw new SatisfactionException(
        SatisfactionErrorCode.Unavailable,
        'Survey answers are not taken here (SURVEY_TOKEN_KEYS is not configured)',
      );
    }
    const checked = signer.verify(token.trim(), new Date());
    if (!checked.ok) {
      throw checked.refusal === 'EXPIRED'
        ? SatisfactionException.aboutField(
            SatisfactionErrorCode.LinkExpired,
            'token',
            'has expired: survey links are answered within their time',
          )
        : SatisfactionException.aboutField(
            SatisfactionErrorCode.LinkInvalid,
            'token',
            'is not a survey link we sent',
          );
    }
    if (!isSurveyLinkClaims(checked.claims)) {
      throw SatisfactionException.aboutField(
        SatisfactionErrorCode.LinkInvalid,
        'token',
        'is not a survey link we sent',
      );
    }
    return checked.claims;
  }
}
