import type { CaseStatus } from '@civitas/contracts';
import { InputBuilder } from './input.builder.js';

/** intake's `LegacyRecordInput`: one historical request from a legacy system. */
export interface LegacyRecordInput {
  rowNumber?: number;
  sourceId: string;
  serviceCode: string;
  category?: string;
  description?: string;
  openedAt: string;
  status: CaseStatus | `${CaseStatus}`;
  closedAt?: string | null;
  agency?: string;
  district?: string;
  location?: { latitude?: number; longitude?: number; address?: string };
}

/** intake's `ImportLegacyRecordsInput`. */
export interface ImportLegacyRecordsInput {
  sourceSystem: string;
  records: LegacyRecordInput[];
}

export class ImportLegacyRecordsInputBuilder extends InputBuilder<ImportLegacyRecordsInput> {
  constructor(sourceSystem: string) {
    super({ sourceSystem, records: [] });
  }

  withRecords(...records: LegacyRecordInput[]): this {
    return this.with({ records: [...this.input.records, ...records] });
  }
}

/** A batch of records from `sourceSystem`, empty until `withRecords`. */
export function anImportLegacyRecordsInput(
  sourceSystem = 'nyc311',
): ImportLegacyRecordsInputBuilder {
  return new ImportLegacyRecordsInputBuilder(sourceSystem);
}

export class LegacyRecordInputBuilder extends InputBuilder<LegacyRecordInput> {
  constructor(sourceId: string) {
    super({
      rowNumber: Number(sourceId.replace(/\D/g, '')) || 1,
      sourceId,
      serviceCode: 'pothole',
      category: 'Street Condition',
      openedAt: '2020-08-05T14:00:00.000Z',
      status: 'CLOSED',
      closedAt: '2020-08-07T09:30:00.000Z',
      agency: 'DOT',
    });
  }

  /** Still open in the source system (no closing time). */
  open(): this {
    return this.with({ status: 'OPEN', closedAt: null });
  }
}

/**
 * A pothole closed in the source system (row number from the id's digits), opened 2020-08-05 and
 * closed two days later by DOT.
 */
export function aLegacyRecordInput(sourceId: string): LegacyRecordInputBuilder {
  return new LegacyRecordInputBuilder(sourceId);
}
