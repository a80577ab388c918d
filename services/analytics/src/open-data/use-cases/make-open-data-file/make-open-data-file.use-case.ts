import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AnalyticsConfig } from '../../../config/analytics.config.js';
import {
  openDataRow,
  UNKNOWN_SERVICE_POLICY,
  type OpenDataValue,
} from '../../open-data-columns.js';
import { OpenDataPolicies } from '../../open-data-policies.js';
import { OpenDataRepository, type OpenDataFilter } from '../../open-data.repository.js';
import { OpenDataText, type OpenDataFormat } from '../../open-data-text.js';

export type { OpenDataFormat } from '../../open-data-text.js';

/** A file ready to send: what identifies it, then its text a piece at a time. */
export interface OpenDataFile {
  /**
   * A strong ETag (quoted): changes whenever a row, a policy, the grid or the format does (and
   * now and then when nothing visible did, never the other way round).
   */
  etag: string;
  /** When the data last changed; null for a file with no data, or changed this very moment. */
  lastModified: Date | null;
  /** The file's text in pieces of about a thousand rows; reading it to the end closes the read. */
  chunks(): AsyncGenerator<string>;
  /** How many rows `chunks()` has given so far. */
  rowsSent(): number;
  /** Ends the read without sending (a 304, or a client gone). */
  close(): Promise<void>;
}

/** Public rows as their services' policies allow, in no format yet: one read of the facts. */
export interface OpenDataRows {
  /** Identifies the rows whatever the format: the filter, grid, policies and changes counted. */
  identity: string;
  lastModified: Date | null;
  /** The rows, oldest first, a batch at a time; reading to the end closes the read. */
  batches(): AsyncGenerator<OpenDataValue[][]>;
  close(): Promise<void>;
}

/**
 * Makes an open-data file of public service requests (docs/adr/0057, 0065): reads the facts in
 * one snapshot, asks routing for each service's policy, and writes each row as the policy allows,
 * streamed; everything that can fail with a clean answer happens before the first byte, and the
 * validators are known without reading a row.
 */
@Injectable()
export class MakeOpenDataFileUseCase {
  constructor(
    private readonly repository: OpenDataRepository,
    private readonly policies: OpenDataPolicies,
    private readonly config: AnalyticsConfig,
  ) {}

  async execute(filter: OpenDataFilter, format: OpenDataFormat): Promise<OpenDataFile> {
    const rows = await this.rows(filter);
    let sent = 0;
    return {
      etag: `"${digest(`${format}\n${rows.identity}`)}"`,
      lastModified: rows.lastModified,
      rowsSent: () => sent,
      chunks: async function* () {
        const text = new OpenDataText(format);
        yield text.head();
        for await (const batch of rows.batches()) {
          yield text.rows(batch);
          sent += batch.length;
        }
        yield text.tail();
      },
      close: () => rows.close(),
    };
  }

  async rows(filter: OpenDataFilter): Promise<OpenDataRows> {
    const read = await this.repository.open(filter, this.config.ANALYTICS_TIME_ZONE);
    try {
      const policies = await this.policies.of(read.summary.serviceCodes);
      const gridMeters = this.config.OPEN_DATA_GRID_METERS;
      return {
        identity: JSON.stringify({
          filter,
          gridMeters,
          changes: read.summary.changes,
          changedAt: read.summary.changedAt,
          policies: [...policies.entries()].sort(([a], [b]) => a.localeCompare(b)),
        }),
        lastModified: settled(read.summary.changedAt, read.summary.readAt),
        batches: async function* () {
          try {
            for await (const batch of read.batches()) {
              yield batch.map((fact) =>
                openDataRow(
                  fact,
                  policies.get(fact.service_code) ?? UNKNOWN_SERVICE_POLICY(fact.service_code),
                  gridMeters,
                ),
              );
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

/** 32 characters of a SHA-256, URL-safe: what the files' ETags are made of. */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/**
 * HTTP dates have whole seconds, and a client holding Last-Modified L is sent 304 for
 * If-Modified-Since L while nothing changed after the second L. So L is told only once every
 * change this read cannot see is stamped in a later second: when the read began at least
 * `SETTLED_MS` after the start of the second of the last change (the margin covers a commit in
 * flight, stamped just before the read began and visible just after). Until then the ETag alone
 * identifies the file (docs/adr/0065).
 */
const SETTLED_MS = 2000;

function settled(changedAt: Date | null, readAt: Date): Date | null {
  if (!changedAt) {
    return null;
  }
  const second = Math.floor(changedAt.getTime() / 1000) * 1000;
  return readAt.getTime() - second >= SETTLED_MS ? changedAt : null;
}
