import { All, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Open311Http } from './http/open311-http.js';
import { GetDiscoveryUseCase } from './use-cases/get-discovery.use-case.js';
import { GetTokenUseCase } from './use-cases/get-token.use-case.js';
import { ListRequestsUseCase } from './use-cases/list-requests.use-case.js';
import {
  GetServiceDefinitionUseCase,
  ListServicesUseCase,
} from './use-cases/list-services.use-case.js';
import {
  ListUpdatesUseCase,
  PostUpdateUseCase,
} from './use-cases/service-request-updates.use-case.js';
import { SubmitRequestUseCase } from './use-cases/submit-request.use-case.js';

/** Open311 GeoReport v2 (docs/open311.md): each route hands off to its use case. */
@Controller('open311')
export class Open311Controller {
  constructor(
    private readonly http: Open311Http,
    private readonly discovery: GetDiscoveryUseCase,
    private readonly services: ListServicesUseCase,
    private readonly definition: GetServiceDefinitionUseCase,
    private readonly submit: SubmitRequestUseCase,
    private readonly token: GetTokenUseCase,
    private readonly requests: ListRequestsUseCase,
    private readonly updates: ListUpdatesUseCase,
    private readonly postUpdate: PostUpdateUseCase,
  ) {}

  @Get(':file')
  getDiscovery(
    @Req() req: Request,
    @Res() res: Response,
    @Param('file') file: string,
  ): Promise<void> {
    return this.http.get(req, res, file, 'discovery', (call) => this.discovery.execute(call));
  }

  @Get('v2/services/:file')
  getServiceDefinition(
    @Req() req: Request,
    @Res() res: Response,
    @Param('file') file: string,
  ): Promise<void> {
    return this.http.get(req, res, file, null, (call) => this.definition.execute(call));
  }

  @Get('v2/requests/:file')
  getRequest(
    @Req() req: Request,
    @Res() res: Response,
    @Param('file') file: string,
  ): Promise<void> {
    return this.http.get(req, res, file, null, (call) => this.requests.one(call));
  }

  @Get('v2/tokens/:file')
  getToken(@Req() req: Request, @Res() res: Response, @Param('file') file: string): Promise<void> {
    return this.http.get(req, res, file, null, (call) => this.token.execute(call));
  }

  @Get('v2/:file')
  getCollection(
    @Req() req: Request,
    @Res() res: Response,
    @Param('file') file: string,
  ): Promise<void> {
    return this.http.get(req, res, file, null, (call) => this.collections(call.id, call));
  }

  @Post('v2/:file')
  postCollection(
    @Req() req: Request,
    @Res() res: Response,
    @Param('file') file: string,
  ): Promise<void> {
    return this.http.post(req, res, file, null, (call) => this.creations(call.id, call));
  }

  @All(['*path', '/'])
  unknown(@Req() req: Request, @Res() res: Response): void {
    this.http.notFound(req, res);
  }

  private collections(name: string, call: Parameters<ListServicesUseCase['execute']>[0]) {
    switch (name) {
      case 'discovery':
        return this.discovery.execute(call);
      case 'services':
        return this.services.execute(call);
      case 'requests':
        return this.requests.execute(call);
      case 'servicerequestupdates':
        return this.updates.execute(call);
      default:
        return Promise.reject(this.http.unknownResource(name));
    }
  }

  private creations(name: string, call: Parameters<ListServicesUseCase['execute']>[0]) {
    switch (name) {
      case 'requests':
        return this.submit.execute(call);
      case 'servicerequestupdates':
        return this.postUpdate.execute(call);
      default:
        return Promise.reject(this.http.unknownResource(name));
    }
  }
}
