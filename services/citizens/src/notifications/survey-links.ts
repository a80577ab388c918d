import { Injectable } from '@nestjs/common';
import { surveyLinkSigner, type TokenSigner } from '@civitas/crypto';
import { CitizensConfig } from '../config/citizens.config.js';
import type { NotificationDeliveryEntity } from './notification-delivery.entity.js';

const DAY_MS = 86_400_000;

/**
 * The survey link of a closure notice (docs/adr/0060): the configured page with a token cases
 * checks. The token is signed when the message is rendered, from the delivery (its id is the
 * link's id, its case the case asked about, its queueing time plus SURVEY_LINK_TTL_DAYS the
 * expiry), so a retried message carries the same link and nothing secret is stored.
 */
@Injectable()
export class SurveyLinks {
  private readonly signer: TokenSigner | null;

  constructor(private readonly config: CitizensConfig) {
    this.signer =
      config.SURVEY_TOKEN_KEYS && config.SURVEY_URL
        ? surveyLinkSigner(config.SURVEY_TOKEN_KEYS)
        : null;
  }

  /** Whether closure notices can carry a link (keys and page configured). */
  get available(): boolean {
    return this.signer !== null;
  }

  urlFor(
    delivery: Pick<NotificationDeliveryEntity, 'id' | 'caseId' | 'createdAt' | 'language'>,
  ): string | null {
    if (!this.signer || !this.config.SURVEY_URL) {
      return null;
    }
    const expires = delivery.createdAt.getTime() + this.config.SURVEY_LINK_TTL_DAYS * DAY_MS;
    const token = this.signer.sign({
      exp: Math.floor(expires / 1000),
      lid: delivery.id,
      cid: delivery.caseId,
    });
    const url = new URL(this.config.SURVEY_URL);
    url.searchParams.set('token', token);
    url.searchParams.set('lang', delivery.language);
    return url.toString();
  }
}
