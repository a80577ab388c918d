import type { Response } from 'express';
import { describeError, type JsonLogger } from '@civitas/observability';
import { couldNotComplete } from '../errors/graph-error.mapper.js';
import { Open311Error } from '../errors/open311.error.js';
import { toXml } from '../xml/xml-serialiser.js';
import type { Open311Document, ResponseFormat } from './open311-call.js';

export const CONTENT_TYPES: Readonly<Record<ResponseFormat, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** `requests.json` → { id: 'requests', format: 'json' }; no known suffix → null. */
export function splitFormat(file: string): { id: string; format: ResponseFormat } | null {
  const match = /^(.*)\.(json|xml)$/i.exec(file);
  return match ? { id: match[1], format: match[2].toLowerCase() as ResponseFormat } : null;
}

/** The format a refusal is written in when the path may not even parse: XML only when asked. */
export function formatOfPath(path: string): ResponseFormat {
  return /\.xml(\?|$)/i.test(path) ? 'xml' : 'json';
}

export function sendDocument(
  res: Response,
  format: ResponseFormat,
  document: Open311Document,
): void {
  res.status(document.status ?? 200);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.send(format === 'xml' ? toXml(document.root, document.body) : JSON.stringify(document.body));
}

export function sendError(res: Response, format: ResponseFormat, error: Open311Error): void {
  sendDocument(res, format, { root: 'errors', body: error.errors, status: error.status });
}

/**
 * Open311 errors as they are; anything else is our fault: logged under the request's correlation
 * id (its text redacted, docs/adr/0049), and a 500 that gives that id and no details.
 */
export function sendFailure(
  res: Response,
  format: ResponseFormat,
  error: unknown,
  logger: JsonLogger,
  correlationId?: string,
): void {
  if (error instanceof Open311Error) {
    sendError(res, format, error);
    return;
  }
  logger.error({ msg: 'open311 call failed', correlationId, error: describeError(error) });
  sendError(res, format, new Open311Error(500, [couldNotComplete(correlationId)]));
}
