import { Injectable } from '@nestjs/common';
import type { GatewayContext } from '../../graph/gateway-context.js';
import { Open311Graph } from './open311-graph.js';
import {
  SERVICE,
  SERVICE_WITH_ATTRIBUTES,
  SERVICES,
  SERVICES_WITH_ATTRIBUTES,
} from './operations.js';

export interface CatalogAttribute {
  variable: boolean;
  code: string;
  datatype: string;
  required: boolean;
  datatypeDescription: string | null;
  order: number | null;
  description: string | null;
  values: { key: string; name: string }[] | null;
}

export interface CatalogService {
  code: string;
  name: string;
  description: string | null;
  group: string | null;
  keywords: string[] | null;
  type: string;
  attributes?: { code: string }[];
}

/**
 * The catalog as routing serves it. Whether routing's `Service` has `attributes` yet is learned
 * from the graph itself (a validation error means not yet) and remembered, so Open311 serves
 * service definitions as soon as the catalog offers them, and `metadata: false` until then.
 */
@Injectable()
export class CatalogReader {
  private attributesOffered: boolean | undefined;

  constructor(private readonly graph: Open311Graph) {}

  async services(context: GatewayContext): Promise<CatalogService[]> {
    return (
      await this.withAttributes<{ services: CatalogService[] }>(
        SERVICES_WITH_ATTRIBUTES,
        SERVICES,
        {},
        context,
      )
    ).services;
  }

  async definition(
    code: string,
    context: GatewayContext,
  ): Promise<{ code: string; attributes: CatalogAttribute[] } | null> {
    const found = (
      await this.withAttributes<{
        service: { code: string; attributes?: CatalogAttribute[] } | null;
      }>(SERVICE_WITH_ATTRIBUTES, SERVICE, { code }, context)
    ).service;
    return found ? { code: found.code, attributes: found.attributes ?? [] } : null;
  }

  private async withAttributes<T>(
    rich: string,
    plain: string,
    variables: Record<string, unknown>,
    context: GatewayContext,
  ): Promise<T> {
    if (this.attributesOffered !== false) {
      const result = await this.graph.raw<T>(rich, variables, context);
      const unsupported = result.errors?.some(
        (e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED',
      );
      if (!unsupported) {
        this.attributesOffered = true;
        return this.graph.unwrap(result);
      }
      this.attributesOffered = false;
    }
    return this.graph.run<T>(plain, variables, context);
  }
}
