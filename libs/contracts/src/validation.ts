import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { PayloadClass } from './contract.js';
import { passesRules } from './rule-check.js';
import { cacheValidationMetadata } from './validation-cache.js';

cacheValidationMetadata();

export interface FieldProblem {
  field: string;
  reason: string;
}

export class ContractValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: FieldProblem[],
  ) {
    super(
      `Invalid message for ${subject}: ` +
        problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    );
    this.name = 'ContractValidationError';
  }
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) {
      out.push({ field, reason });
    }
    if (error.children?.length) {
      out.push(...flattenValidationErrors(error.children, field));
    }
  }
  return out;
}

/** Turns plain data into an instance of `cls` and validates it; throws naming every bad field. */
export function validateAs<T extends object>(
  cls: PayloadClass<T>,
  plain: unknown,
  subject: string,
): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new ContractValidationError(subject, [{ field: '(root)', reason: 'must be an object' }]);
  }
  const instance = plainToInstance(cls, plain);
  // Most messages are valid: a yes/no check of the same rules is enough for them, and
  // class-validator's own executor (which builds an error tree) runs only to name what is wrong.
  if (passesRules(instance)) {
    return instance;
  }
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length > 0) {
    throw new ContractValidationError(subject, flattenValidationErrors(errors));
  }
  return instance;
}
