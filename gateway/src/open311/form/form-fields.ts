import { controlCharacterProblem } from '@civitas/contracts';
import { Open311Error, type ProblemList } from '../errors/open311.error.js';

const ATTRIBUTE_KEY = /^attribute\[([^\][]*)\](\[\])?$/;

export interface AttributeAnswer {
  code: string;
  values: string[];
}

/**
 * Parameters of one Open311 call, from the query string and (for POST) the form body. An optional
 * parameter sent empty counts as absent, as the standard asks.
 */
export class FormFields {
  constructor(
    private readonly entries: ReadonlyMap<string, readonly string[]>,
    /** Names whose value arrived as an object (a query parser that nests `a[b]=c`). */
    private readonly nested: readonly string[] = [],
  ) {}

  static fromQuery(query: Record<string, unknown>): FormFields {
    const entries = new Map<string, string[]>();
    const nested: string[] = [];
    for (const [key, value] of Object.entries(query)) {
      const values = Array.isArray(value) ? (value as unknown[]) : [value];
      if (values.every((v): v is string => typeof v === 'string')) {
        entries.set(key, values);
      } else {
        nested.push(key);
      }
    }
    return new FormFields(entries, nested);
  }

  /**
   * Parameters written the PHP/Rails way (`status[]=open`, `service_code[$ne]=x`), or nested by a
   * query parser: Open311 has none but `attribute[CODE]`, and ignoring them would quietly answer
   * an unfiltered list to a client that believes it filtered. Names each, for a 400.
   */
  malformedParameters(): string[] {
    const bracketed = [...this.entries.keys()].filter(
      (key) => key.includes('[') && !key.startsWith('attribute'),
    );
    return [
      ...bracketed.map((key) => {
        const name = key.slice(0, key.indexOf('['));
        return `${truncate(key)} is not an Open311 parameter: send ${truncate(name) || 'the parameter'}=value (a comma-separated list where several values are allowed)`;
      }),
      ...this.nested.map(
        (key) => `${truncate(key)} must be one text value, not a list or an object`,
      ),
    ];
  }

  /**
   * Parameters (names or values) with a control character Open311 text never has: NUL and the C0
   * controls but tab, line feed and carriage return (docs/adr/0043). Names each, for a 400.
   */
  controlCharacterProblems(): string[] {
    const problems: string[] = [];
    for (const [key, values] of this.entries) {
      if (controlCharacterProblem(key)) {
        problems.push(
          `a parameter name (${truncate(key)}) must not contain control characters; only tab, line feed and carriage return are allowed in values`,
        );
        continue;
      }
      const problem = values.map(controlCharacterProblem).find((p) => p !== null);
      if (problem) {
        problems.push(`${truncate(key)} ${problem}`);
      }
    }
    return problems;
  }

  /** Both sources; the body's values after the query's. */
  merge(other: FormFields): FormFields {
    const entries = new Map<string, string[]>();
    for (const source of [this.entries, other.entries]) {
      for (const [key, values] of source) {
        append(entries, key, ...values);
      }
    }
    return new FormFields(entries, [...this.nested, ...other.nested]);
  }

  has(name: string): boolean {
    return this.value(name, undefined) !== undefined;
  }

  /** The one value of a parameter (trimmed; empty → absent); several different values is a problem. */
  value(name: string, problems: ProblemList | undefined): string | undefined {
    const values = [
      ...new Set((this.entries.get(name) ?? []).map((v) => v.trim()).filter((v) => v !== '')),
    ];
    if (values.length > 1) {
      problems?.add(`${name} was given more than once with different values`);
      return undefined;
    }
    return values[0];
  }

  /** `attribute[CODE]=v` and `attribute[CODE][]=v` (repeated for a multivaluelist). */
  attributes(problems: ProblemList): AttributeAnswer[] {
    const byCode = new Map<string, string[]>();
    for (const [key, values] of this.entries) {
      if (!key.startsWith('attribute')) {
        continue;
      }
      const match = ATTRIBUTE_KEY.exec(key);
      if (!match) {
        problems.add(
          `${truncate(key)} is not a valid attribute parameter: use attribute[CODE]=value or attribute[CODE][]=value`,
        );
        continue;
      }
      const code = match[1].trim();
      if (code === '') {
        problems.add(
          'attribute[] needs an attribute code between the brackets: attribute[CODE]=value',
        );
        continue;
      }
      const given = values.map((v) => v.trim()).filter((v) => v !== '');
      if (!match[2] && new Set(given).size > 1) {
        problems.add(
          `attribute[${truncate(code)}] was given more than once; use attribute[${truncate(code)}][]= for several values`,
        );
        continue;
      }
      if (given.length > 0) {
        append(byCode, code, ...(match[2] ? given : given.slice(0, 1)));
      }
    }
    return [...byCode].map(([code, values]) => ({ code, values: [...new Set(values)] }));
  }
}

/** Adds to a key's values in place: copying them at each value made a repeated name quadratic. */
function append(entries: Map<string, string[]>, key: string, ...values: string[]): void {
  const existing = entries.get(key);
  if (existing) {
    existing.push(...values);
  } else {
    entries.set(key, [...values]);
  }
}

/**
 * The most `name=value` pairs a form body may hold: as many as Express reads from a query string
 * (Node's `querystring` stops at 1,000 keys). A real request sends a few dozen; an attacker's body
 * of 1 MiB holds 250,000, and each one is decoded, checked and answered.
 */
export const MAX_FORM_PARAMETERS = 1000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `application/x-www-form-urlencoded` strictly: the bytes must be UTF-8 and every escape must
 * decode, else the whole body is refused (a lenient parser would store mangled text). More than
 * MAX_FORM_PARAMETERS pairs are refused before any is decoded.
 */
export function parseFormBody(raw: Uint8Array): FormFields {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw Open311Error.badRequest('The request body is not valid UTF-8');
  }
  const entries = new Map<string, string[]>();
  for (const pair of formPairs(text)) {
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    append(entries, name, value);
  }
  return new FormFields(entries);
}

/**
 * The non-empty `name=value` pairs of a form, refused past MAX_FORM_PARAMETERS as soon as the
 * scan finds one more (splitting a 1 MiB body into its 250,000 pieces first took a second).
 */
function formPairs(text: string): string[] {
  const pairs: string[] = [];
  for (let start = 0; start < text.length;) {
    const amp = text.indexOf('&', start);
    const end = amp === -1 ? text.length : amp;
    if (end > start) {
      if (pairs.length === MAX_FORM_PARAMETERS) {
        throw Open311Error.badRequest(
          `The request body has more than ${MAX_FORM_PARAMETERS} parameters (the limit)`,
        );
      }
      pairs.push(text.slice(start, end));
    }
    start = end + 1;
  }
  return pairs;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    throw Open311Error.badRequest(
      `The request body is not valid form encoding near "${truncate(component)}": escapes must be %XX of UTF-8 bytes`,
    );
  }
}

export function truncate(text: string, max = 40): string {
  const safe = text.replace(/[^\x20-\x7E]/g, '?');
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}
