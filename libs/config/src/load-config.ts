import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isSecretVariable, printable, productionSecretProblems, secretsOf } from './secrets.js';

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(
      'Invalid environment:\n' + problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Converts a variable to the type of its default; leaves it a string when it cannot, for the validator to name. */
function coerce(raw: string, fallback: unknown): unknown {
  if (typeof fallback === 'number') {
    return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  }
  if (typeof fallback === 'boolean') {
    const v = raw.trim().toLowerCase();
    return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : raw;
  }
  return raw;
}

/**
 * Reads the environment into a class whose property names are the variable names, with defaults
 * as property initialisers and class-validator decorators as the rules. The only place that reads
 * `process.env`.
 */
export function loadConfig<T extends object>(
  cls: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const defaults = new cls() as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const raw = env[key];
    plain[key] = raw === undefined || raw === '' ? defaults[key] : coerce(raw, defaults[key]);
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance as object, { whitelist: false });
  const secrets = secretsOf(cls);
  // A secret's value is never printed, not even the part that was wrong (docs/adr/0042).
  const shown = (variable: string): string => {
    const raw = env[variable];
    if (raw === undefined) {
      return ' (not set)';
    }
    return isSecretVariable(variable, secrets)
      ? ' (value not shown)'
      : ` (got "${printable(String(raw))}")`;
  };
  const problems = errors.map((e) => ({
    variable: e.property,
    reason: Object.values(e.constraints ?? {}).join(', ') + shown(e.property),
  }));
  if ((instance as { NODE_ENV?: unknown }).NODE_ENV === 'production') {
    problems.push(
      ...productionSecretProblems(
        instance as Record<string, unknown>,
        secrets,
        new Set(problems.map((p) => p.variable)),
      ),
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return Object.freeze(instance);
}

/** For a service's main: print a config error plainly and exit non-zero instead of a stack trace. */
export function loadConfigOrExit<T extends object>(cls: new () => T, service: string): T {
  try {
    return loadConfig(cls);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: refusing to start. ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
