import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min, ValidateIf } from 'class-validator';

/** Several property decorators applied as one. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorate of decorators) {
      decorate(target, property);
    }
  };
}

/** Text that must not be empty: a host, a sender, a directory. */
export const IsText = (): PropertyDecorator => all(IsString(), IsNotEmpty());

/** A TCP port to listen on; 0 lets the OS pick one (announced in a `listening` line). */
export const IsPort = (): PropertyDecorator => all(IsInt(), Min(0), Max(65535));

/**
 * A port whose listener is off while the variable is unset. Its default is `undefined`, so
 * `loadConfig` cannot tell the digits are a number: they are turned into one here.
 */
export const IsOptionalPort = (): PropertyDecorator =>
  all(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value,
    ),
    ValidateIf((config: Record<string, unknown>, value: unknown) => value !== undefined),
    IsPort(),
  );

// A worker that delivers what was committed and retries what failed (e-mail replies,
// notifications) has these three settings, bounded alike whatever their names.

/** How often due work is looked for, in milliseconds. */
export const IsPollMs = (): PropertyDecorator => all(IsInt(), Min(50));

/** Attempts before an item is recorded as failed. */
export const IsMaxAttempts = (): PropertyDecorator => all(IsInt(), Min(1), Max(50));

/** First retry delay in milliseconds (it doubles per attempt). */
export const IsRetryBaseMs = (): PropertyDecorator => all(IsInt(), Min(10));
