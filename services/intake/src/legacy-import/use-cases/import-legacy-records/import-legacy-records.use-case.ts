import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CaseStatus,
  Channel,
  HISTORY_BATCH_MAX,
  HistoryAccepted,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { UnitOfWork } from '@civitas/messaging';
import { ServiceCatalog } from '../../../catalog/index.js';
import { INTAKE_CONFIG } from '../../../config/intake-config.token.js';
import type { IntakeConfig } from '../../../config/intake.config.js';
import { LegacyImportErrorCode, LegacyImportException } from '../../legacy-import.exception.js';
import { LegacyRecordRepository } from '../../legacy-record.repository.js';
import { placeOf } from '../../../submissions/index.js';

export interface LegacyRecordCommand {
  rowNumber?: number;
  sourceId: string;
  serviceCode: string;
  category?: string;
  description?: string;
  openedAt: Date;
  status: CaseStatus;
  closedAt?: Date;
  agency?: string;
  district?: string;
  location?: { latitude?: number; longitude?: number; address?: string };
}

export interface ImportLegacyRecordsCommand {
  sourceSystem: string;
  records: LegacyRecordCommand[];
}

export interface LegacyRecordOutcome {
  sourceId: string;
  ticketNumber: string;
  imported: boolean;
}

export interface LegacyRecordRejection {
  rowNumber: number | null;
  sourceId: string;
  field: string;
  reason: string;
}

export interface LegacyImportReport {
  imported: number;
  alreadyThere: number;
  rejected: LegacyRecordRejection[];
  records: LegacyRecordOutcome[];
}

/**
 * Imports a batch of history from a legacy system: each record becomes a submission on channel
 * LEGACY_IMPORT with its original timestamps, in one transaction with the `history-accepted`
 * events that carry the records on in batches (docs/adr/0022). Records already imported (same source system and id) are counted, not stored
 * again; records that cannot be history (unknown service, closed before opened) are rejected alone.
 */
@Injectable()
export class ImportLegacyRecordsUseCase {
  private readonly logger = new Logger(ImportLegacyRecordsUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: ServiceCatalog,
    private readonly legacyRecords: LegacyRecordRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async execute(command: ImportLegacyRecordsCommand): Promise<LegacyImportReport> {
    const rejected: LegacyRecordRejection[] = [];
    const reject = (r: LegacyRecordCommand, field: string, reason: string) =>
      rejected.push({ rowNumber: r.rowNumber ?? null, sourceId: r.sourceId, field, reason });

    const unknownCodes = await this.unknownServiceCodes([
      ...new Set(command.records.map((r) => r.serviceCode)),
    ]);
    const seen = new Set<string>();
    const repeated: LegacyRecordCommand[] = [];
    const valid: LegacyRecordCommand[] = [];
    for (const record of command.records) {
      if (unknownCodes.has(record.serviceCode)) {
        reject(record, 'serviceCode', `"${record.serviceCode}" is not in the catalog`);
      } else if (record.closedAt && record.closedAt.getTime() < record.openedAt.getTime()) {
        reject(record, 'closedAt', 'is before openedAt');
      } else if (record.closedAt && record.status !== CaseStatus.CLOSED) {
        reject(record, 'closedAt', `is set but the status is ${record.status}, not CLOSED`);
      } else if (seen.has(record.sourceId)) {
        repeated.push(record);
      } else {
        seen.add(record.sourceId);
        valid.push(record);
      }
    }

    const records = await this.uow.run(async (tx) => {
      const importedAt = new Date();
      const submissionIds = new Map(valid.map((r) => [r.sourceId, randomUUID()]));
      const claimed = await this.legacyRecords.claim(
        tx,
        command.sourceSystem,
        valid.map((r) => ({ sourceId: r.sourceId, submissionId: submissionIds.get(r.sourceId)! })),
        importedAt,
      );
      const fresh = valid.filter((r) => claimed.has(r.sourceId));
      const numbers = await this.legacyRecords.nextTicketNumbers(tx, fresh.length);
      const submissions = fresh.map((r, i) => ({
        id: submissionIds.get(r.sourceId)!,
        ticketNumber: `${this.config.TICKET_PREFIX}-${r.openedAt.getUTCFullYear()}-${numbers[i].padStart(7, '0')}`,
        serviceCode: r.serviceCode,
        payloadSealed: this.cipher.encrypt(
          JSON.stringify({ sourceSystem: command.sourceSystem, ...r }),
        ),
        receivedAt: r.openedAt,
      }));
      if (submissions.length > 0) {
        await this.legacyRecords.insertSubmissions(tx, Channel.LEGACY_IMPORT, submissions);
      }
      await tx.emitChunked(
        HistoryAccepted,
        fresh.map((r, i): SubmissionAcceptedV1 => ({
          submissionId: submissions[i].id,
          ticketNumber: submissions[i].ticketNumber,
          serviceCode: r.serviceCode,
          description: r.description,
          channel: Channel.LEGACY_IMPORT,
          location: placeOf(r.location),
          attributes: r.district ? { district: r.district } : undefined,
          emergency: false,
          receivedAt: r.openedAt.toISOString(),
          legacy: {
            sourceSystem: command.sourceSystem,
            sourceId: r.sourceId,
            status: r.status,
            closedAt: r.closedAt?.toISOString(),
            agency: r.agency,
            category: r.category,
          },
        })),
        (chunk) => ({ submissions: chunk }),
        { maxItems: HISTORY_BATCH_MAX },
      );
      const before = await this.legacyRecords.ticketsOf(
        tx,
        command.sourceSystem,
        [...valid, ...repeated].filter((r) => !claimed.has(r.sourceId)).map((r) => r.sourceId),
      );
      const fresher = new Map(fresh.map((r, i) => [r.sourceId, submissions[i].ticketNumber]));
      return [...valid, ...repeated].map((r, i): LegacyRecordOutcome => {
        const isNew = i < valid.length && claimed.has(r.sourceId);
        return {
          sourceId: r.sourceId,
          ticketNumber: (isNew
            ? fresher.get(r.sourceId)
            : (before.get(r.sourceId) ?? fresher.get(r.sourceId)))!,
          imported: isNew,
        };
      });
    });
    const imported = records.filter((r) => r.imported).length;
    this.logger.log({
      msg: 'legacy records imported',
      sourceSystem: command.sourceSystem,
      imported,
      alreadyThere: records.length - imported,
      rejected: rejected.length,
    });
    return { imported, alreadyThere: records.length - imported, rejected, records };
  }

  /** Looks each distinct code of the batch up once, in intake's copy of the catalog (ADR 0069). */
  private async unknownServiceCodes(codes: string[]): Promise<Set<string>> {
    const found = await Promise.all(codes.map((code) => this.catalog.lookup(code)));
    if (found.some((f) => f.state === 'unavailable')) {
      throw new LegacyImportException(
        LegacyImportErrorCode.CatalogUnavailable,
        'The service catalog is not known yet; nothing was imported; try again shortly',
      );
    }
    return new Set(codes.filter((_, i) => found[i].state !== 'found'));
  }
}
