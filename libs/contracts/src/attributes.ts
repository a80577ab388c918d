import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import type { FieldProblem } from './validation.js';

// Keys equal values: these are Open311's own datatype names, and GraphQL shows the keys.
/** Open311 GeoReport v2 attribute datatypes. */
export enum AttributeDatatype {
  string = 'string',
  number = 'number',
  datetime = 'datetime',
  text = 'text',
  singlevaluelist = 'singlevaluelist',
  multivaluelist = 'multivaluelist',
}

export const LIST_DATATYPES: readonly AttributeDatatype[] = [
  AttributeDatatype.singlevaluelist,
  AttributeDatatype.multivaluelist,
];

/** Longest answer kept for one value (the same cap as a description). */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 4000;

export class AttributeValueOption {
  @IsString()
  key: string;

  @IsString()
  name: string;
}

/** One question a service asks (an Open311 attribute), as routing describes it to other services. */
export class ServiceAttributeView {
  @IsString()
  code: string;

  /** False for an informational attribute: shown to the person, answers nothing. */
  @IsBoolean()
  variable: boolean;

  @IsEnum(AttributeDatatype)
  datatype: AttributeDatatype;

  @IsBoolean()
  required: boolean;

  @IsOptional()
  @IsString()
  datatypeDescription?: string;

  @IsInt()
  order: number;

  @IsOptional()
  @IsString()
  description?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttributeValueOption)
  values: AttributeValueOption[];
}

export type AttributeDefinition = Pick<
  ServiceAttributeView,
  'code' | 'variable' | 'datatype' | 'required' | 'values'
>;

/** An answer as every channel receives it: a code and its values (several for a multivaluelist). */
export interface AttributeAnswer {
  code: string;
  values: string[];
}

/** Answers once checked: a multivaluelist is always an array, every other datatype one string. */
export type AttributeValues = Record<string, string | string[]>;

export interface AttributeCheck {
  problems: FieldProblem[];
  values: AttributeValues;
}

export interface AttributeCheckOptions {
  /**
   * When false, a missing required answer is not a problem (the answers will be completed by
   * staff at triage, e.g. for an e-mail). Every answer given is still checked.
   */
  requireAnswers?: boolean;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 date and time with a time zone (`Z` or `±hh:mm`), and a real calendar date. */
export function isIsoDateTime(value: string): boolean {
  const m = DATETIME.exec(value);
  if (!m) {
    return false;
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[7] ?? '0'].map(
    Number,
  );
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

function fieldOf(code: string): string {
  return `attributes.${code}`;
}

/**
 * Checks a submission's answers against the service's attribute definitions, the same way on
 * every channel: required answers present, no unknown codes, numbers that parse, ISO 8601
 * datetimes, list answers among the listed keys. Returns every problem (one per attribute) and
 * the answers in their stored shape.
 */
export function checkAttributeAnswers(
  definitions: readonly AttributeDefinition[],
  answers: readonly AttributeAnswer[] | undefined,
  options: AttributeCheckOptions = {},
): AttributeCheck {
  const requireAnswers = options.requireAnswers ?? true;
  const problems: FieldProblem[] = [];
  const values: AttributeValues = {};
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  const given = new Map<string, string[]>();

  for (const answer of answers ?? []) {
    if (given.has(answer.code)) {
      problems.push({ field: fieldOf(answer.code), reason: 'answered more than once' });
      continue;
    }
    given.set(answer.code, answer.values);
    if (!byCode.has(answer.code)) {
      const known = definitions.filter((d) => d.variable).map((d) => d.code);
      problems.push({
        field: fieldOf(answer.code),
        reason: known.length
          ? `not an attribute of this service; its attributes are: ${known.join(', ')}`
          : 'not an attribute of this service; it has none',
      });
    }
  }

  for (const definition of definitions) {
    const raw = given.get(definition.code);
    const field = fieldOf(definition.code);
    // Blank values are no answer at all (forms send empty fields).
    const answered = (raw ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (!definition.variable) {
      if (answered.length > 0) {
        problems.push({
          field,
          reason: 'is information for the person, not a question; send no answer',
        });
      }
      continue;
    }
    if (answered.length === 0) {
      if (definition.required && requireAnswers) {
        problems.push({ field, reason: 'is required' });
      }
      continue;
    }
    const problem = problemWith(definition, answered);
    if (problem) {
      problems.push({ field, reason: problem });
      continue;
    }
    values[definition.code] =
      definition.datatype === AttributeDatatype.multivaluelist
        ? [...new Set(answered)]
        : answered[0];
  }
  return { problems, values };
}

function problemWith(definition: AttributeDefinition, answered: string[]): string | null {
  if (answered.some((v) => v.length > MAX_ATTRIBUTE_VALUE_LENGTH)) {
    return `must be at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters`;
  }
  if (definition.datatype !== AttributeDatatype.multivaluelist && answered.length > 1) {
    return `takes one value (${definition.datatype}), got ${answered.length}`;
  }
  const [value] = answered;
  switch (definition.datatype) {
    case AttributeDatatype.string:
    case AttributeDatatype.text:
      return null;
    case AttributeDatatype.number:
      return NUMBER.test(value) && Number.isFinite(Number(value))
        ? null
        : `must be a number, got "${clip(value)}"`;
    case AttributeDatatype.datetime:
      return isIsoDateTime(value)
        ? null
        : `must be an ISO 8601 date and time with a time zone (e.g. 2026-11-24T09:30:00Z), got "${clip(value)}"`;
    case AttributeDatatype.singlevaluelist:
    case AttributeDatatype.multivaluelist: {
      const keys = definition.values.map((v) => v.key);
      const unknown = answered.filter((v) => !keys.includes(v));
      return unknown.length === 0
        ? null
        : `"${unknown.map(clip).join('", "')}" ${unknown.length === 1 ? 'is' : 'are'} not among the keys: ${keys.join(', ')}`;
    }
    default:
      return assertUnreachable(definition.datatype);
  }
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function assertUnreachable(value: never): never {
  throw new Error(`Unknown attribute datatype ${String(value)}`);
}
