import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { parseKeyring } from './pii-cipher.js';

const PROBE_KEY = Buffer.alloc(32).toString('base64');

function keyringProblem(property: string, value: unknown): string | null {
  if (typeof value !== 'string' || !value) {
    return 'is required';
  }
  try {
    // Checked apart, so each error names the variable at fault.
    if (property.endsWith('HASH_KEY')) {
      parseKeyring(`probe:${PROBE_KEY}`, value);
    } else {
      parseKeyring(value, PROBE_KEY);
    }
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * For config classes: a PII keyring variable (`<id>:<base64 32 bytes>,...`) or, for a property
 * whose name ends in HASH_KEY, the look-up hash key (base64, at least 32 bytes).
 */
export function IsPiiKeyring(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isPiiKeyring',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          keyringProblem(args.property, value) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${keyringProblem(args.property, args.value) ?? 'is invalid'}`,
      },
    });
  };
}
