import { maskContactText } from './mask.js';

export const REDACTED = '[redacted]';

/** Keys whose values are secrets, wherever the word appears in the key (`apiKey`, `NATS_PASSWORD`). */
const SECRET =
  /password|passwd|passphrase|secret|token|authori[sz]ation|cookie|apikey|privatekey|credential|signature/;

/** Keys that name a person or what they wrote, exactly (`name`) or at the end (`reporterEmail`). */
const PERSONAL_EXACT = new Set([
  'name',
  'text',
  'body',
  'note',
  'comment',
  'dob',
  'ssn',
  'zip',
  'zipcode',
  'postcode',
]);
const PERSONAL_ENDING =
  /(email|emailaddress|phone|phonenumber|mobile|firstname|lastname|middlename|fullname|givenname|familyname|surname|displayname|address|street|description|dateofbirth|birthdate|nationalid)$/;

/** What one log entry may hold at most: deeper, longer or wider parts are cut, saying so. */
const MAX_DEPTH = 6;
const MAX_STRING = 4000;
const MAX_ITEMS = 50;

export function isRedactedKey(key: string): boolean {
  const plain = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  // `apiKeyId`, `tokenIds`: references to a secret, which an operator needs, not the secret.
  const secret = SECRET.test(plain) && !/ids?$/.test(plain);
  return secret || PERSONAL_EXACT.has(plain) || PERSONAL_ENDING.test(plain);
}

/**
 * A value as it may be written to a log: values of personal or secret keys replaced by
 * "[redacted]", e-mail addresses and phone numbers in any text masked, errors described by
 * `describeError`, and depth, text length and the number of items or keys bounded.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const masked = maskContactText(value);
    return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING)}…[cut]` : masked;
  }
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' || typeof value === 'symbol' ? String(value) : value;
  }
  if (value instanceof Error) {
    return redact(describeError(value), depth);
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  }
  if (depth >= MAX_DEPTH) {
    return '[too deep]';
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item: unknown) => redact(item, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more]`] : items;
  }
  const entries = Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of entries.slice(0, MAX_ITEMS)) {
    out[key] =
      isRedactedKey(key) && inner !== null && inner !== undefined
        ? REDACTED
        : redact(inner, depth + 1);
  }
  if (entries.length > MAX_ITEMS) {
    out['[more keys]'] = entries.length - MAX_ITEMS;
  }
  return out;
}

/** What a log line says about an error: never a database driver's text or a query's values. */
export interface ErrorDescription {
  /** The error's class (`QueryFailedError`, `TypeError`, …). */
  class: string;
  /** SQLSTATE for a database error; a system error's code (`ECONNREFUSED`) otherwise. */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** The error's text with contact details masked; absent for database errors. */
  message?: string;
  /** The stack's frames, without the message line(s) that head it. */
  stack?: string;
  /** A database error this one wraps (and whose text it may repeat, so it has no message). */
  cause?: ErrorDescription;
}

interface DatabaseFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  severity?: unknown;
  driverError?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * A database error, from TypeORM (`QueryFailedError`, carrying the driver's error) or from `pg`
 * itself (a SQLSTATE `code` and a `severity`). Its message quotes what was sent ("invalid input
 * syntax for type uuid: \"…\"", a statement's parameters), so it is never logged or answered.
 */
export function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  const fields = error as Error & DatabaseFields;
  return (
    error.name === 'QueryFailedError' ||
    fields.driverError instanceof Error ||
    (typeof fields.code === 'string' && SQLSTATE.test(fields.code) && 'severity' in fields)
  );
}

export function describeError(error: unknown, options: { stack?: boolean } = {}): ErrorDescription {
  const withStack = options.stack ?? true;
  if (!(error instanceof Error)) {
    return { class: typeof error, message: maskContactText(String(error)).slice(0, MAX_STRING) };
  }
  const className =
    error.constructor?.name && error.constructor.name !== 'Object'
      ? error.constructor.name
      : error.name;
  const stack = withStack ? framesOf(error.stack) : undefined;
  if (isDatabaseError(error)) {
    const own = error as Error & DatabaseFields;
    const driver = (own.driverError ?? {}) as DatabaseFields;
    const pick = (key: 'code' | 'constraint' | 'table' | 'column'): string | undefined => {
      const found = own[key] ?? driver[key];
      return typeof found === 'string' && found.length > 0 ? found.slice(0, 200) : undefined;
    };
    return omitUndefined({
      class: className,
      code: pick('code'),
      constraint: pick('constraint'),
      table: pick('table'),
      column: pick('column'),
      stack,
    });
  }
  const code = (error as { code?: unknown }).code;
  if (isDatabaseError(error.cause)) {
    // A wrapper that repeats its cause's text (`new Error(cause.message, { cause })`).
    return omitUndefined({
      class: className,
      cause: describeError(error.cause, { stack: false }),
      stack,
    });
  }
  return omitUndefined({
    class: className,
    code: typeof code === 'string' && code.length <= 40 ? code : undefined,
    message: maskContactText(error.message).slice(0, MAX_STRING),
    stack: stack === undefined ? undefined : maskContactText(stack),
  });
}

/** The "    at …" lines of a stack: the lines before them repeat the message. */
function framesOf(stack: string | undefined): string | undefined {
  if (!stack) {
    return undefined;
  }
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.join('\n').slice(0, MAX_STRING) : undefined;
}

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
