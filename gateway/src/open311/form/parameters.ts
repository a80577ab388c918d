import { truncate, type FormFields } from './form-fields.js';
import type { ProblemList } from '../errors/open311.error.js';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^\d{1,9}$/;
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A number parameter within [min, max], or undefined with a problem named. */
export function decimal(
  fields: FormFields,
  name: string,
  min: number,
  max: number,
  problems: ProblemList,
): number | undefined {
  const raw = fields.value(name, problems);
  if (raw === undefined) {
    return undefined;
  }
  if (
    !DECIMAL.test(raw) ||
    !Number.isFinite(Number(raw)) ||
    Number(raw) < min ||
    Number(raw) > max
  ) {
    problems.add(`${name} must be a decimal number from ${min} to ${max} (got "${truncate(raw)}")`);
    return undefined;
  }
  return Number(raw);
}

export function integer(
  fields: FormFields,
  name: string,
  min: number,
  max: number,
  problems: ProblemList,
): number | undefined {
  const raw = fields.value(name, problems);
  if (raw === undefined) {
    return undefined;
  }
  if (!INTEGER.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.add(`${name} must be a whole number from ${min} to ${max} (got "${truncate(raw)}")`);
    return undefined;
  }
  return Number(raw);
}

/** W3C/ISO 8601 date or date-time; a time without a zone is read as UTC. */
export function dateTime(
  fields: FormFields,
  name: string,
  problems: ProblemList,
): Date | undefined {
  const raw = fields.value(name, problems);
  if (raw === undefined) {
    return undefined;
  }
  const match = ISO_8601.exec(raw);
  const withZone = match && raw.length > 10 && !match[1] ? `${raw}Z` : raw;
  const parsed = match ? new Date(withZone.replace(' ', 'T')) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) {
    problems.add(
      `${name} must be an ISO 8601 date-time such as 2026-11-25T10:00:00Z (got "${truncate(raw)}")`,
    );
    return undefined;
  }
  return parsed;
}

/** A text parameter of at most `max` characters. */
export function text(
  fields: FormFields,
  name: string,
  max: number,
  problems: ProblemList,
): string | undefined {
  const raw = fields.value(name, problems);
  if (raw !== undefined && raw.length > max) {
    problems.add(`${name} must be at most ${max} characters (got ${raw.length})`);
    return undefined;
  }
  return raw;
}

/** `a,b,c` → ['a','b','c'] (blanks dropped, duplicates merged). */
export function commaList(
  fields: FormFields,
  name: string,
  maxItems: number,
  maxLength: number,
  problems: ProblemList,
): string[] | undefined {
  const raw = fields.value(name, problems);
  if (raw === undefined) {
    return undefined;
  }
  const items = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
  if (items.length === 0) {
    return undefined;
  }
  if (items.length > maxItems) {
    problems.add(`${name} may list at most ${maxItems} values (got ${items.length})`);
    return undefined;
  }
  const long = items.find((item) => item.length > maxLength);
  if (long) {
    problems.add(
      `${name} values must be at most ${maxLength} characters (got "${truncate(long)}")`,
    );
    return undefined;
  }
  return items;
}

export function booleanFlag(fields: FormFields, name: string, problems: ProblemList): boolean {
  const raw = fields.value(name, problems);
  if (raw === undefined) {
    return false;
  }
  if (!/^(true|false|1|0)$/i.test(raw)) {
    problems.add(`${name} must be true or false (got "${truncate(raw)}")`);
    return false;
  }
  return /^(true|1)$/i.test(raw);
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^[+0-9 ().-]{3,40}$/;

export function email(fields: FormFields, problems: ProblemList): string | undefined {
  const raw = text(fields, 'email', 320, problems);
  if (raw !== undefined && !EMAIL.test(raw)) {
    problems.add(`email must be an e-mail address (got "${truncate(raw)}")`);
    return undefined;
  }
  return raw;
}

export function phone(fields: FormFields, problems: ProblemList): string | undefined {
  const raw = fields.value('phone', problems);
  if (raw !== undefined && !PHONE.test(raw)) {
    problems.add('phone must be 3 to 40 digits, spaces and + ( ) . -');
    return undefined;
  }
  return raw;
}

export function url(fields: FormFields, name: string, problems: ProblemList): string | undefined {
  const raw = text(fields, name, 2000, problems);
  if (raw === undefined) {
    return undefined;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    problems.add(`${name} must be an http or https URL (got "${truncate(raw)}")`);
    return undefined;
  }
  return raw;
}
