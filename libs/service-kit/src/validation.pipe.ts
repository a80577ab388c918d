import { ValidationPipe } from '@nestjs/common';
import { DomainError, flattenValidationErrors } from '@civitas/contracts';

/** Validates GraphQL inputs; errors name every bad field under `extensions.fields`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    exceptionFactory: (errors) => {
      const problems = flattenValidationErrors(errors);
      return new DomainError(
        'BAD_USER_INPUT',
        `Invalid input: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
        problems,
      );
    },
  });
}
