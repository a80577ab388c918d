import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ANONYMOUS, controlCharacterProblem } from '@civitas/contracts';
import type { JsonLogger } from '@civitas/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway.config.js';
import { GATEWAY_LOGGER } from '../../core.module.js';
import type { EdgeRequest } from '../../http/edge.middleware.js';
import { Open311Error } from '../errors/open311.error.js';
import { FormFields, parseFormBody, truncate } from '../form/form-fields.js';
import type { Open311Call, Open311Document } from './open311-call.js';
import { formatOfPath, sendDocument, sendFailure, splitFormat } from './open311-responder.js';
import type { RawBodyRequest } from './open311-raw-body.middleware.js';

type Handler = (call: Open311Call) => Promise<Open311Document>;

/** The Open311 name of the value in a path (`services/{service_code}.json`). */
const PATH_PARAMETERS: readonly [RegExp, string][] = [
  [/\/v2\/services\/[^/]*$/, 'service_code (in the path)'],
  [/\/v2\/requests\/[^/]*$/, 'service_request_id (in the path)'],
  [/\/v2\/tokens\/[^/]*$/, 'token (in the path)'],
];

function pathProblems(path: string, id: string): string[] {
  const problem = controlCharacterProblem(id);
  if (!problem) {
    return [];
  }
  const name = PATH_PARAMETERS.find(([pattern]) => pattern.test(path))?.[1] ?? 'the path';
  return [`${name} ${problem}`];
}

/**
 * The HTTP edge of every Open311 call: the format suffix, the parameters (query string, and for
 * POST the form body), `jurisdiction_id`, then the use case, then JSON or XML. Controllers hand
 * off to `get`/`post` in one line.
 */
@Injectable()
export class Open311Http {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
  ) {}

  get(
    req: Request,
    res: Response,
    file: string,
    resource: string | null,
    handler: Handler,
  ): Promise<void> {
    return this.run(req, res, file, resource, handler, false);
  }

  post(
    req: Request,
    res: Response,
    file: string,
    resource: string | null,
    handler: Handler,
  ): Promise<void> {
    return this.run(req, res, file, resource, handler, true);
  }

  unknownResource(name: string): Open311Error {
    return Open311Error.notFound(`No Open311 resource "${truncate(name)}"`);
  }

  /** A path or method Open311 does not have. */
  notFound(req: Request, res: Response): void {
    sendFailure(
      res,
      formatOfPath(req.path),
      Open311Error.notFound(`No Open311 resource ${req.method} ${truncate(req.path, 100)}`),
      this.logger,
    );
  }

  private async run(
    req: Request,
    res: Response,
    file: string,
    resource: string | null,
    handler: Handler,
    withBody: boolean,
  ): Promise<void> {
    const split = splitFormat(file);
    const format = split?.format ?? formatOfPath(req.path);
    const correlationId = (req as EdgeRequest).correlationId ?? randomUUID();
    try {
      if (!split || (resource !== null && split.id !== resource)) {
        throw Open311Error.notFound(
          `No Open311 resource ${req.method} ${truncate(req.path, 100)} (resources end in .json or .xml)`,
        );
      }
      const fields = withBody
        ? FormFields.fromQuery(req.query).merge(this.body(req))
        : FormFields.fromQuery(req.query);
      const malformed = [
        ...pathProblems(req.path, split.id),
        ...fields.malformedParameters(),
        ...fields.controlCharacterProblems(),
      ];
      if (malformed.length > 0) {
        throw Open311Error.badRequest(...malformed);
      }
      this.checkJurisdiction(fields);
      const call: Open311Call = {
        format,
        id: split.id,
        fields,
        context: { identity: ANONYMOUS, correlationId },
        // Never from the Host header: a forged one would be cached and served to everyone.
        baseUrl: this.config.publicUrlListeningOn(req.socket.localPort ?? this.config.PORT),
      };
      sendDocument(res, format, await handler(call));
    } catch (error) {
      sendFailure(res, format, error, this.logger, correlationId);
    }
  }

  private body(req: Request): FormFields {
    const raw = (req as RawBodyRequest).rawBody ?? Buffer.alloc(0);
    if (raw.length === 0) {
      return new FormFields(new Map());
    }
    if (!req.is('application/x-www-form-urlencoded')) {
      throw Open311Error.badRequest(
        `The request body must be application/x-www-form-urlencoded (got ${truncate(req.header('content-type') ?? 'no content type')})`,
      );
    }
    return parseFormBody(raw);
  }

  private checkJurisdiction(fields: FormFields): void {
    const jurisdiction = fields.value('jurisdiction_id', undefined);
    if (fields.has('jurisdiction_id') && jurisdiction !== this.config.OPEN311_JURISDICTION_ID) {
      throw Open311Error.notFound(
        `jurisdiction_id "${truncate(jurisdiction ?? '')}" is not served here (this endpoint serves "${this.config.OPEN311_JURISDICTION_ID}")`,
      );
    }
  }
}
