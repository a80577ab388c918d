import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import 'reflect-metadata';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { PUBLIC_KEY, ROLES_KEY } from '@civitas/auth';
import type { Role } from '@civitas/contracts';

/** Nest's own metadata keys for `@Query`/`@Mutation` (@nestjs/graphql's graphql.constants). */
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';
const RESOLVER_NAME_METADATA = 'graphql:resolver_name';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUBGRAPHS = ['intake', 'cases', 'citizens', 'routing', 'analytics'] as const;

export type RootType = 'Query' | 'Mutation';

/** Who the guard lets through, exactly as RolesGuard reads it (handler first, then class). */
export type Access = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

export interface OperationMetadata {
  type: RootType;
  name: string;
  subgraph: string;
  /** `services/<name>/src/...resolver.ts#Class.method`, for failure messages. */
  source: string;
  /** Undefined when the resolver has neither `@Public()` nor `@Roles(...)`: a test failure. */
  access: Access | undefined;
}

function resolverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return resolverFiles(path);
    }
    return entry.name.endsWith('.resolver.ts') ? [path] : [];
  });
}

function accessOf(handler: object, cls: object): Access | undefined {
  const targets = [handler, cls];
  for (const target of targets) {
    if (Reflect.getMetadata(PUBLIC_KEY, target) === true) {
      return { kind: 'public' };
    }
    const roles = Reflect.getMetadata(ROLES_KEY, target) as Role[] | undefined;
    if (roles !== undefined) {
      return { kind: 'roles', roles };
    }
  }
  return undefined;
}

/**
 * Every `@Query`/`@Mutation` of every subgraph with the guard metadata on it, read from the
 * resolver classes themselves (each `*.resolver.ts` under `services/<name>/src`, imported, its
 * exported classes' methods inspected with the metadata keys Nest's decorators write). The
 * attack suite compares this list with the supergraph, so a root field served from anywhere else
 * fails the suite too.
 */
export async function discoverOperations(): Promise<OperationMetadata[]> {
  const found: OperationMetadata[] = [];
  for (const subgraph of SUBGRAPHS) {
    for (const file of resolverFiles(join(REPO_ROOT, 'services', subgraph, 'src'))) {
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(exports)) {
        if (typeof value !== 'function' || !value.prototype) {
          continue;
        }
        const proto = value.prototype as Record<string, unknown>;
        for (const key of Object.getOwnPropertyNames(proto)) {
          const handler = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
          if (typeof handler !== 'function') {
            continue;
          }
          const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as unknown;
          if (type !== 'Query' && type !== 'Mutation') {
            continue;
          }
          const name = (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string) ?? key;
          found.push({
            type,
            name,
            subgraph,
            source: `${relative(REPO_ROOT, file)}#${exportName}.${key}`,
            access: accessOf(handler, value),
          });
        }
      }
    }
  }
  return found;
}

/** The schema clients see: the committed supergraph, less what it marks `@inaccessible`. */
export function loadSupergraph(): GraphQLSchema {
  return buildSchema(readFileSync(join(REPO_ROOT, 'gateway', 'supergraph.graphql'), 'utf8'));
}

function inaccessible(node: {
  astNode?: { directives?: readonly { name: { value: string } }[] } | null;
}) {
  return Boolean(node.astNode?.directives?.some((d) => d.name.value === 'inaccessible'));
}

export function rootFields(
  schema: GraphQLSchema,
  type: RootType,
): GraphQLField<unknown, unknown>[] {
  const root = type === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values(root?.getFields() ?? {}).filter((f) => !inaccessible(f));
}

/**
 * A value every layer before the guard accepts (GraphQL coercion at the gateway and in the
 * subgraph, custom scalars' parsing): the guard runs before Nest's validation pipes, so from here
 * on only the guard decides whether the caller is refused.
 */
function dummyScalar(name: string): unknown {
  switch (name) {
    case 'ID':
      return '00000000-0000-4000-8000-000000000000';
    case 'String':
      return 'x';
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2026-01-01T00:00:00.000Z';
    case 'JSON':
      return {};
    default:
      throw new Error(
        `No dummy value for scalar ${name}: add one to e2e/security/operations.ts (a value its parser accepts)`,
      );
  }
}

function dummyValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) {
    return dummyValue(type.ofType);
  }
  if (isListType(type)) {
    return [];
  }
  if (isEnumType(type)) {
    return type.getValues()[0].name;
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined && !inaccessible(field)) {
        value[field.name] = dummyValue(field.type);
      }
    }
    return value;
  }
  if (isScalarType(type)) {
    return dummyScalar(type.name);
  }
  throw new Error(`Unexpected input type ${String(type)}`);
}

function required(arg: GraphQLArgument): boolean {
  return isNonNullType(arg.type) && arg.defaultValue === undefined;
}

export interface MinimalOperation {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * The smallest valid document calling one root field: its required arguments as variables with
 * type-appropriate dummy values, and `__typename` selected on an object result.
 */
export function minimalOperation(
  type: RootType,
  field: GraphQLField<unknown, unknown>,
): MinimalOperation {
  const args = field.args.filter(required);
  const variables = Object.fromEntries(args.map((a) => [a.name, dummyValue(a.type)]));
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const result = getNamedType(field.type);
  const selection =
    isObjectType(result) || isInterfaceType(result) || isUnionType(result) ? ' { __typename }' : '';
  const op = type === 'Query' ? 'query' : 'mutation';
  const query =
    `${op} Probe${declared ? `(${declared})` : ''} { ` +
    `${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  return { query, variables };
}
