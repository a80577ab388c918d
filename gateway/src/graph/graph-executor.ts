import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './gateway-context.js';

export interface GraphOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Runs an operation through the federated graph in-process, with the same limits, plans and
 * subgraph headers as an HTTP call. For REST facades (Open311) that translate into graph operations.
 */
@Injectable()
export class GraphExecutor {
  constructor(private readonly moduleRef: ModuleRef) {}

  async execute<T = Record<string, unknown>>(
    operation: GraphOperation,
    context: GatewayContext,
  ): Promise<GraphResult<T>> {
    const response = await this.server().executeOperation(operation, { contextValue: context });
    if (response.body.kind !== 'single') {
      throw new Error('Incremental delivery is not supported by GraphExecutor');
    }
    const { data, errors } = response.body.singleResult;
    return { data: data as T | null | undefined, errors };
  }

  private server(): ApolloServer<GatewayContext> {
    const module = this.moduleRef.get(GraphQLModule, { strict: false });
    return (module.graphQlAdapter as unknown as { instance: ApolloServer<GatewayContext> })
      .instance;
  }
}
