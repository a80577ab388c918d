import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@civitas/auth';
import { AnalyticsConfig } from '../../config/analytics.config.js';
import { OPEN_DATA_COLUMNS } from '../open-data-columns.js';
import { OPEN_DATA_CONTENT_TYPES } from '../open-data-text.js';
import { OpenDataErrorCode, OpenDataException } from '../open-data.exception.js';
import type { OpenDataFilter } from '../open-data.repository.js';
import { OpenDataSnapshots } from '../snapshots/open-data-snapshots.js';
import {
  MakeOpenDataFileUseCase,
  type OpenDataFile,
  type OpenDataFormat,
} from '../use-cases/make-open-data-file/make-open-data-file.use-case.js';
import { writeChunk } from '@civitas/service-kit';
import { clientCopyIsCurrent } from './conditional.js';

type QueryParams = Record<string, unknown>;

const PARAMETERS = ['from', 'to', 'service_code'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `GET /open-data/…` through the gateway's streamed downloads (docs/adr/0057): anonymous, one row
 * per public service request, streamed from a cursor, with an ETag (304 on If-None-Match) and
 * Last-Modified; the dictionary of its columns; and the monthly snapshots, kept.
 */
@Controller('rest/open-data')
export class OpenDataController {
  constructor(
    private readonly files: MakeOpenDataFileUseCase,
    private readonly snapshots: OpenDataSnapshots,
    private readonly config: AnalyticsConfig,
  ) {}

  @Public()
  @Get('dictionary.json')
  dictionary(): object {
    return {
      dataset: 'Service requests',
      description:
        'One row per public service request (private requests never appear): no reporter, no internal note, places on a grid or by district only, descriptions only where the service allows and then scrubbed of contact details and the reporter name.',
      files: [
        'service-requests.csv',
        'service-requests.json',
        'snapshots/<YYYY-MM>.csv',
        'snapshots/<YYYY-MM>.json',
      ],
      filters: {
        from: 'YYYY-MM-DD: received on or after this day (local time of the jurisdiction)',
        to: 'YYYY-MM-DD: received on or before this day',
        service_code: 'one or more service codes, comma-separated',
      },
      timeZone: this.config.ANALYTICS_TIME_ZONE,
      grid_meters: this.config.OPEN_DATA_GRID_METERS,
      columns: OPEN_DATA_COLUMNS,
    };
  }

  @Public()
  @Get('snapshots')
  async snapshotList(): Promise<object> {
    return { snapshots: await this.snapshots.list() };
  }

  @Public()
  @Get('snapshots/:file')
  async snapshot(
    @Param('file') file: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const [, month, format] = /^(\d{4}-\d{2})\.(csv|json)$/.exec(file) ?? [];
    const snapshot = month ? await this.snapshots.file(month, format as OpenDataFormat) : null;
    if (!snapshot) {
      throw OpenDataException.aboutField(
        OpenDataErrorCode.NotFound,
        'file',
        `no snapshot ${file}; snapshots/ lists them (YYYY-MM.csv and YYYY-MM.json, one of each per month that has ended)`,
      );
    }
    await send(
      req,
      res,
      snapshot,
      format as OpenDataFormat,
      `service-requests-${month}.${format}`,
      'public, max-age=86400',
    );
  }

  @Public()
  @Get(':file')
  async serviceRequests(
    @Param('file') file: string,
    @Query() query: QueryParams,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const format = /^service-requests\.(csv|json)$/.exec(file)?.[1] as OpenDataFormat | undefined;
    if (!format) {
      throw OpenDataException.aboutField(
        OpenDataErrorCode.NotFound,
        'file',
        `no file ${file}; there are service-requests.csv, service-requests.json, dictionary.json and snapshots/`,
      );
    }
    const made = await this.files.execute(filterOf(query), format);
    await send(req, res, made, format, file, 'no-cache');
  }
}

/** Answers 304 when the client holds this file, else streams it with its identity headers. */
async function send(
  req: Request,
  res: Response,
  file: OpenDataFile,
  format: OpenDataFormat,
  name: string,
  cacheControl: string,
): Promise<void> {
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', cacheControl);
  if (file.lastModified) {
    res.setHeader('Last-Modified', file.lastModified.toUTCString());
  }
  const current = clientCopyIsCurrent(
    { ifNoneMatch: req.header('if-none-match'), ifModifiedSince: req.header('if-modified-since') },
    file.etag,
    file.lastModified,
  );
  if (current) {
    await file.close();
    res.status(304).end();
    return;
  }
  res.status(200);
  res.setHeader('Content-Type', OPEN_DATA_CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  const chunks = file.chunks();
  try {
    for await (const chunk of chunks) {
      await writeChunk(res, chunk);
    }
    res.end();
  } catch (error) {
    // Headers are gone: only cutting the connection tells the client the file is incomplete.
    res.destroy(error as Error);
  } finally {
    await chunks.return(undefined);
    await file.close();
  }
}

function filterOf(query: QueryParams): OpenDataFilter {
  const unknown = Object.keys(query).filter((k) => !PARAMETERS.includes(k));
  if (unknown.length > 0) {
    throw OpenDataException.aboutField(
      OpenDataErrorCode.InvalidInput,
      unknown[0],
      `is not a filter of open data (they are ${PARAMETERS.join(', ')})`,
    );
  }
  const from = day(query, 'from');
  const to = day(query, 'to');
  if (from && to && from > to) {
    throw OpenDataException.aboutField(
      OpenDataErrorCode.InvalidInput,
      'to',
      `must not be before from (${from})`,
    );
  }
  const codes = once(query, 'service_code');
  return {
    from,
    to,
    serviceCodes:
      codes === null
        ? null
        : codes
            .split(',')
            .map((c) => c.trim())
            .filter((c) => c !== ''),
  };
}

function once(query: QueryParams, field: string): string | null {
  const value = query[field];
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string') {
    throw OpenDataException.aboutField(OpenDataErrorCode.InvalidInput, field, 'must be given once');
  }
  return value;
}

function day(query: QueryParams, field: string): string | null {
  const value = once(query, field);
  if (value === null) {
    return null;
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  if (
    !DAY.test(value) ||
    Number.isNaN(parsed.getTime()) ||
    !parsed.toISOString().startsWith(value)
  ) {
    throw OpenDataException.aboutField(
      OpenDataErrorCode.InvalidInput,
      field,
      'must be a day written YYYY-MM-DD',
    );
  }
  return value;
}
