import { describe, expect, it } from '@jest/globals';
import { formatPrefix, LineSplitter } from './line-prefixer.js';

describe('LineSplitter', () => {
  it('emits whole lines however the output is chunked', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('{"msg":"hel');
    splitter.push('lo"}\n{"msg":"two"}\r\n{"msg":');
    expect(lines).toEqual(['{"msg":"hello"}', '{"msg":"two"}']);
    splitter.push('"three"}');
    splitter.flush();
    expect(lines).toEqual(['{"msg":"hello"}', '{"msg":"two"}', '{"msg":"three"}']);
  });
});

describe('formatPrefix', () => {
  it('pads names to one width', () => {
    expect(formatPrefix('cases', { width: 9, colour: false })).toBe('cases     | ');
    expect(formatPrefix('analytics', { width: 9, colour: false })).toBe('analytics | ');
  });

  it('colours only when asked (a terminal), keeping one colour per process', () => {
    expect(formatPrefix('nats', { width: 4, colour: true, colourIndex: 1 })).toBe(
      '\u001b[32mnats | \u001b[0m',
    );
  });
});
