import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { DomainError, findControlCharacters, flattenValidationErrors } from '@civitas/contracts';

function badInput(problems: { field: string; reason: string }[]): DomainError {
  return new DomainError(
    'BAD_USER_INPUT',
    `Invalid input: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
    problems,
  );
}

/**
 * Validates GraphQL inputs; errors name every bad field under `extensions.fields`. Before the
 * input's own rules, every string in every argument is checked once for control characters (NUL
 * and the other C0 controls but tab, line feed and carriage return; docs/adr/0043), so no resolver
 * hands such text to Postgres or a log.
 */
class CivitasValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A resolver's `@Args` reaches pipes as 'body' (GqlParamtype.ARGS is RouteParamtypes.BODY, 3);
    // `@Parent` and identity decorators are 'custom' and are not input.
    if (metadata.type === 'body') {
      // An input object is named by its fields (`description`), a scalar argument by its name.
      const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
      const problems = findControlCharacters(value, isObject ? '' : (metadata.data ?? ''));
      if (problems.length > 0) {
        throw badInput(problems);
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new CivitasValidationPipe({
    transform: true,
    whitelist: true,
    exceptionFactory: (errors) => badInput(flattenValidationErrors(errors)),
  });
}
