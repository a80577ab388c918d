import type { LegacyRecord } from './record.js';

export const IMPORT_MUTATION = `mutation Import($input: ImportLegacyRecordsInput!) {
  importLegacyRecords(input: $input) {
    imported alreadyThere
    rejected { rowNumber sourceId field reason }
    records { sourceId ticketNumber imported }
  }
}`;

export interface BatchResult {
  imported: number;
  alreadyThere: number;
  rejected: { rowNumber: number | null; sourceId: string; field: string; reason: string }[];
  records: { sourceId: string; ticketNumber: string; imported: boolean }[];
}

/** A failure that ends the import: the gateway is unreachable, or refuses who we are. */
export class ImportAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportAbortedError';
  }
}

/** A batch the gateway refused as a whole (its rows are reported rejected; the import goes on). */
export class BatchRefusedError extends Error {}

/**
 * The gateway stopped waiting for the batch (its time budget, GRAPHQL_TIME_BUDGET_MS) while intake
 * may still have stored it: neither imported nor rejected, so it is sent again (records stored
 * meanwhile come back "already there"), and if it never gets through the import stops, to be
 * resumed. Reporting its rows as rejected would list stored requests as refused.
 */
class BatchTimedOutError extends Error {}

/**
 * The gateway's rate limit (429) or its admission limit (503 OVERLOADED, docs/adr/0075): the batch
 * was not looked at and may be sent again after `retryAfterSeconds`.
 */
class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`the gateway asked to wait; retrying after ${retryAfterSeconds} s`);
  }
}

const FATAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'CATALOG_UNAVAILABLE']);

/** Sends batches to `importLegacyRecords` through the gateway, retrying what may pass later. */
export class GatewayClient {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly retries = 4,
  ) {}

  async importBatch(sourceSystem: string, records: LegacyRecord[]): Promise<BatchResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(sourceSystem, records);
      } catch (error) {
        if (error instanceof RateLimitedError) {
          // Waiting out the limit is not a failed attempt: the batch was not looked at.
          attempt--;
          await new Promise((r) => setTimeout(r, error.retryAfterSeconds * 1000));
          continue;
        }
        const retriable =
          !(error instanceof BatchRefusedError) &&
          !(
            error instanceof ImportAbortedError &&
            !/unavailable|not answering|ECONN|fetch failed|503|502/i.test(error.message)
          );
        if (!retriable || attempt > this.retries) {
          throw error instanceof BatchTimedOutError
            ? new ImportAbortedError(`${error.message} (${attempt} attempts)`)
            : error;
        }
        await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
      }
    }
  }

  private async send(sourceSystem: string, records: LegacyRecord[]): Promise<BatchResult> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'apollo-require-preflight': 'true',
          authorization: `Bearer ${this.token}`,
        },
        body: JSON.stringify({
          query: IMPORT_MUTATION,
          variables: { input: { sourceSystem, records } },
        }),
      });
    } catch (error) {
      throw new ImportAbortedError(
        `cannot reach the gateway at ${this.url}: ${(error as Error).message} (is \`npm start\` running?)`,
      );
    }
    const text = await res.text();
    if (res.status === 429 || (res.status === 503 && res.headers.has('retry-after'))) {
      const seconds = Number(res.headers.get('retry-after'));
      throw new RateLimitedError(
        Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 600) : 1,
      );
    }
    let body: {
      data?: { importLegacyRecords?: BatchResult } | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ImportAbortedError(
        `the gateway answered ${res.status} with non-JSON: ${text.slice(0, 200)}`,
      );
    }
    const error = body.errors?.[0];
    if (error) {
      const code = error.extensions?.code ?? String(res.status);
      if (code === 'TIME_BUDGET_EXCEEDED') {
        throw new BatchTimedOutError(`${code}: ${error.message}`);
      }
      if (FATAL_CODES.has(code) || res.status >= 500) {
        throw new ImportAbortedError(`${code}: ${error.message}`);
      }
      throw new BatchRefusedError(`${code}: ${error.message}`);
    }
    if (!body.data?.importLegacyRecords) {
      throw new ImportAbortedError(`the gateway answered ${res.status} without a result`);
    }
    return body.data.importLegacyRecords;
  }
}
