import { describe, expect, it } from '@jest/globals';
import { Open311Error, ProblemList } from '../errors/open311.error.js';
import { FormFields, MAX_FORM_PARAMETERS, parseFormBody } from './form-fields.js';

const form = (text: string) => parseFormBody(new TextEncoder().encode(text));

describe('parseFormBody', () => {
  it('decodes names and values, with + as a space', () => {
    const fields = form('service_code=pothole&description=Deep+hole%20here&email=a%40b.org');
    const problems = new ProblemList();
    expect(fields.value('service_code', problems)).toBe('pothole');
    expect(fields.value('description', problems)).toBe('Deep hole here');
    expect(fields.value('email', problems)).toBe('a@b.org');
    expect(problems.empty).toBe(true);
  });

  it('treats an empty optional argument as absent', () => {
    const fields = form('address_string=&lat=+');
    expect(fields.value('address_string', new ProblemList())).toBeUndefined();
    expect(fields.has('lat')).toBe(false);
  });

  it('refuses broken escapes and bytes that are not UTF-8, naming the problem', () => {
    expect(() => form('description=100%')).toThrow(Open311Error);
    expect(() => form('description=%E2%82')).toThrow(/not valid form encoding/);
    expect(() => parseFormBody(Uint8Array.from([0x61, 0x3d, 0xff, 0xfe]))).toThrow(
      /not valid UTF-8/,
    );
  });

  it('keeps every value of a name repeated up to the parameter limit, in order', () => {
    const fields = form(
      Array.from({ length: MAX_FORM_PARAMETERS }, (_, i) => `attribute[size][]=v${i}`).join('&'),
    );
    const problems = new ProblemList();
    const [size] = fields.attributes(problems);
    expect(size.values).toHaveLength(MAX_FORM_PARAMETERS);
    expect(size.values.slice(0, 2)).toEqual(['v0', 'v1']);
    expect(problems.empty).toBe(true);
  });

  it('refuses a body with more parameters than the limit, saying so', () => {
    // 250,000 of them fit in the 1 MiB body limit; each was decoded and its name's values copied.
    const body = `${'a=1&'.repeat(MAX_FORM_PARAMETERS)}service_code=pothole`;
    expect(() => form(body)).toThrow(Open311Error);
    expect(() => form(body)).toThrow(/more than 1000 parameters/);
    // Empty pairs (`&&`) are not parameters.
    expect(form(`${'&'.repeat(5_000)}service_code=pothole`).has('service_code')).toBe(true);
  });

  it('reports a scalar given twice with different values', () => {
    const problems = new ProblemList();
    expect(form('service_code=a&service_code=b').value('service_code', problems)).toBeUndefined();
    expect(() => problems.throwIfAny()).toThrow(/service_code was given more than once/);
  });
});

describe('attributes', () => {
  it('reads attribute[CODE]=v and attribute[CODE][]=v repeated for a multivaluelist', () => {
    const problems = new ProblemList();
    const attributes = form(
      'attribute[SIZE]=large&attribute[WHERE][]=road&attribute[WHERE][]=kerb&attribute%5BDEPTH%5D=10',
    ).attributes(problems);
    expect(attributes).toEqual([
      { code: 'SIZE', values: ['large'] },
      { code: 'WHERE', values: ['road', 'kerb'] },
      { code: 'DEPTH', values: ['10'] },
    ]);
    expect(problems.empty).toBe(true);
  });

  it('leaves out attributes sent empty', () => {
    expect(form('attribute[SIZE]=&attribute[X][]=').attributes(new ProblemList())).toEqual([]);
  });

  it('names malformed attribute parameters', () => {
    const problems = new ProblemList();
    form('attribute[]=x&attribute[A=1&attributes=2&attribute[B]=1&attribute[B]=2').attributes(
      problems,
    );
    expect(() => problems.throwIfAny()).toThrow(Open311Error);
    try {
      problems.throwIfAny();
    } catch (error) {
      const descriptions = (error as Open311Error).errors.map((e) => e.description);
      expect(descriptions).toHaveLength(4);
      expect(descriptions.join('\n')).toMatch(/needs an attribute code/);
      expect(descriptions.join('\n')).toMatch(/attribute\[A is not a valid attribute parameter/);
      expect(descriptions.join('\n')).toMatch(/attribute\[B\] was given more than once/);
    }
  });

  it('merges query-string parameters with the body', () => {
    const merged = FormFields.fromQuery({ api_key: 'k', nested: { a: 'b' } }).merge(
      form('service_code=x'),
    );
    expect(merged.value('api_key', new ProblemList())).toBe('k');
    expect(merged.value('service_code', new ProblemList())).toBe('x');
    expect(merged.has('nested')).toBe(false);
  });
});

describe('malformedParameters', () => {
  it('names parameters that arrive nested or bracketed, but not attributes', () => {
    const fields = FormFields.fromQuery({
      service_code: { $ne: 'x' },
      'status[]': 'open',
      'attribute[WEIGHT]': '4',
      lat: '1.5',
    });
    expect(fields.malformedParameters()).toEqual([
      'status[] is not an Open311 parameter: send status=value (a comma-separated list where several values are allowed)',
      'service_code must be one text value, not a list or an object',
    ]);
    expect(FormFields.fromQuery({ status: ['open', 'closed'] }).malformedParameters()).toEqual([]);
  });

  it('finds them in a form body too', () => {
    expect(form('service_code%5B%24ne%5D=x').malformedParameters()).toHaveLength(1);
  });
});
