import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AnalyticsConfig } from '../../../config/analytics.config.js';
import { csvLine } from '../../../stats/index.js';
import {
  OPEN_DATA_COLUMNS,
  openDataRow,
  UNKNOWN_SERVICE_POLICY,
  type OpenDataValue,
} from '../../open-data-columns.js';
import { OpenDataPolicies } from '../../open-data-policies.js';
import { OpenDataRepository, type OpenDataFilter } from '../../open-data.repository.js';

export type OpenDataFormat = 'csv' | 'json';

/** A file ready to send: what identifies it, then its text a piece at a time. */
export interface OpenDataFile {
  /** A strong ETag (quoted): the same for the same rows, policies, grid and format. */
  etag: string;
  lastModified: Date | null;
  rows: number;
  /** The file's text in pieces of about a thousand rows; reading it to the end closes the read. */
  chunks(): AsyncGenerator<string>;
  /** Ends the read without sending (a 304, or a client gone). */
  close(): Promise<void>;
}

/**
 * Makes an open-data file of public service requests (docs/adr/0057): reads the facts in one
 * snapshot, asks routing for each service's policy, and writes each row as the policy allows,
 * streamed; everything that can fail with a clean answer happens before the first byte.
 */
@Injectable()
export class MakeOpenDataFileUseCase {
  constructor(
    private readonly repository: OpenDataRepository,
    private readonly policies: OpenDataPolicies,
    private readonly config: AnalyticsConfig,
  ) {}

  async execute(filter: OpenDataFilter, format: OpenDataFormat): Promise<OpenDataFile> {
    const read = await this.repository.open(filter, this.config.ANALYTICS_TIME_ZONE);
    try {
      const policies = await this.policies.of(read.summary.serviceCodes);
      const gridMeters = this.config.OPEN_DATA_GRID_METERS;
      const etag = `"${createHash('sha256')
        .update(
          JSON.stringify({
            format,
            filter,
            gridMeters,
            summary: read.summary,
            policies: [...policies.entries()].sort(([a], [b]) => a.localeCompare(b)),
          }),
        )
        .digest('base64url')
        .slice(0, 32)}"`;
      return {
        etag,
        lastModified: read.summary.changedAt,
        rows: read.summary.rows,
        chunks: async function* () {
          try {
            yield format === 'csv' ? csvLine(OPEN_DATA_COLUMNS.map((c) => c.name)) : '[';
            let first = true;
            for await (const batch of read.batches()) {
              let text = '';
              for (const fact of batch) {
                const policy =
                  policies.get(fact.service_code) ?? UNKNOWN_SERVICE_POLICY(fact.service_code);
                const row = openDataRow(fact, policy, gridMeters);
                text += format === 'csv' ? csvLine(row) : `${first ? '' : ','}\n${jsonRow(row)}`;
                first = false;
              }
              yield text;
            }
            if (format === 'json') {
              yield first ? ']\n' : '\n]\n';
            }
          } finally {
            await read.close();
          }
        },
        close: () => read.close(),
      };
    } catch (error) {
      await read.close();
      throw error;
    }
  }
}

function jsonRow(row: readonly OpenDataValue[]): string {
  return JSON.stringify(Object.fromEntries(OPEN_DATA_COLUMNS.map((c, i) => [c.name, row[i]])));
}
