import { Inject, Injectable } from '@nestjs/common';
import {
  Channel,
  type AcceptedSubmissionView,
  type AttributeAnswer,
  type AttributeValues,
} from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { DataSource, In, Not } from 'typeorm';
import { placeOf, SubmissionEntity, type GivenLocation } from '../submissions/index.js';

/** The parts of a sealed live submission (SubmitServiceRequestCommand) a view is made of. */
interface SealedRequest {
  description?: string;
  location?: GivenLocation & { addressId?: string };
  attributes?: AttributeAnswer[];
  mediaUrl?: string;
}

/**
 * What intake knows of accepted tickets, as `submission-accepted` told cases (docs/adr/0070): the
 * submission's columns and the facts of its sealed payload, never the reporter. Imported history
 * is left out: its status is the legacy system's, and no one is waiting on an acknowledgement.
 */
@Injectable()
export class AcceptedSubmissionViews {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async byTickets(ticketNumbers: string[]): Promise<AcceptedSubmissionView[]> {
    const rows = await this.dataSource.getRepository(SubmissionEntity).find({
      where: { ticketNumber: In([...new Set(ticketNumbers)]), channel: Not(Channel.LEGACY_IMPORT) },
    });
    return rows.map((row) => this.viewOf(row));
  }

  private viewOf(row: SubmissionEntity): AcceptedSubmissionView {
    // An erased reporter's submission holds `{}`: its ticket, service and status remain.
    const sealed = JSON.parse(this.cipher.decrypt(row.payloadSealed)) as SealedRequest;
    const location = placeOf(sealed.location);
    const addressId = sealed.location?.addressId?.trim() || undefined;
    const attributes = answersOf(sealed.attributes);
    return {
      submissionId: row.id,
      ticketNumber: row.ticketNumber,
      serviceCode: row.serviceCode,
      channel: row.channel,
      receivedAt: row.receivedAt.toISOString(),
      emergency: row.emergency,
      // Not recorded (accepted before it was): private, so only staff see more than its status.
      private: row.private !== false,
      ...(sealed.description ? { description: sealed.description } : {}),
      ...(location ? { location } : {}),
      ...(addressId ? { addressId } : {}),
      ...(sealed.mediaUrl ? { mediaUrl: sealed.mediaUrl } : {}),
      ...(attributes ? { attributes } : {}),
    };
  }
}

/**
 * The answers as `checkAttributeAnswers` kept them when the submission was accepted: blank values
 * dropped, repeats once; one value as a string, several as a list.
 */
function answersOf(answers: AttributeAnswer[] | undefined): AttributeValues | undefined {
  const values: AttributeValues = {};
  for (const answer of answers ?? []) {
    const given = [...new Set(answer.values.map((v) => v.trim()).filter((v) => v !== ''))];
    if (given.length > 0) {
      values[answer.code] = given.length === 1 ? given[0] : given;
    }
  }
  return Object.keys(values).length > 0 ? values : undefined;
}
