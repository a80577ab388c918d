import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { GatewayContext } from '../../graph/gateway-context.js';
import { GraphExecutor, type GraphResult } from '../../graph/graph-executor.js';
import { open311ErrorFromGraph } from '../errors/graph-error.mapper.js';
import { Open311Error } from '../errors/open311.error.js';

export interface RunOptions {
  /**
   * Reads: keep what came back when only some fields failed (e.g. a department the routing
   * subgraph could not resolve), rather than refusing the whole list.
   */
  partial?: boolean;
}

/** Graph operations for Open311, with graph errors turned into Open311 errors by the one mapper. */
@Injectable()
export class Open311Graph {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** GraphModule is configured once, in AppModule; its executor is found there, not re-imported. */
  private get executor(): GraphExecutor {
    return this.moduleRef.get(GraphExecutor, { strict: false });
  }

  async run<T>(
    query: string,
    variables: Record<string, unknown>,
    context: GatewayContext,
    options: RunOptions = {},
  ): Promise<T> {
    return this.unwrap(await this.executor.execute<T>({ query, variables }, context), options);
  }

  unwrap<T>(result: GraphResult<T>, options: RunOptions = {}): T {
    if (result.errors?.length && !(options.partial && result.data)) {
      throw open311ErrorFromGraph(result.errors);
    }
    if (!result.data) {
      throw new Open311Error(500, ['The request could not be completed; try again later']);
    }
    return result.data;
  }

  /** Runs and answers the graph's own errors too (for capability checks). */
  raw<T>(
    query: string,
    variables: Record<string, unknown>,
    context: GatewayContext,
  ): Promise<GraphResult<T>> {
    return this.executor.execute<T>({ query, variables }, context);
  }
}
