import { Module } from '@nestjs/common';
import { ApiKeyVerifier } from './graph/api-key.verifier.js';
import { CatalogReader } from './graph/catalog.reader.js';
import { Open311Graph } from './graph/open311-graph.js';
import { Open311Http } from './http/open311-http.js';
import { Open311Controller } from './open311.controller.js';
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

/**
 * Open311 GeoReport v2 at /open311 (docs/open311.md), translated into graph operations run
 * in-process through `GraphExecutor`. The raw-body reader is mounted ahead of the JSON parser in
 * `configureEdge`.
 */
@Module({
  controllers: [Open311Controller],
  providers: [
    Open311Http,
    Open311Graph,
    ApiKeyVerifier,
    CatalogReader,
    GetDiscoveryUseCase,
    ListServicesUseCase,
    GetServiceDefinitionUseCase,
    SubmitRequestUseCase,
    GetTokenUseCase,
    ListRequestsUseCase,
    ListUpdatesUseCase,
    PostUpdateUseCase,
  ],
})
export class Open311Module {}
