import { describe, expect, it } from 'vitest';
import { jsonDepthOver, MAX_JSON_DEPTH } from '../src/adapter/subprocess/json-depth.js';
import { parseChildLine, ProtocolError } from '../src/adapter/subprocess/protocol.js';

const nested = (depth: number, inner = ''): string => '['.repeat(depth) + inner + ']'.repeat(depth);
const done = (payload: string): string => `{"type":"done","effects":[{"kind":"broadcast","payload":${payload}}]}`;

describe("a child's line nested past the limit is the child's protocol error, counted outside strings only", () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(jsonDepthOver(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonDepthOver(nested(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepthOver(`{"a":${nested(MAX_JSON_DEPTH + 1, '{}').replace(/\[/g, '{"k":').replace(/\]/g, '}').replace('{}', '1')}}`)).toBeGreaterThan(MAX_JSON_DEPTH);
    expect(jsonDepthOver(JSON.stringify({ text: '['.repeat(5_000) + '\\"[' }))).toBeUndefined();
  });

  it('parseChildLine refuses the deep line and takes one at the limit', () => {
    expect(() => parseChildLine(done(nested(MAX_JSON_DEPTH + 1)))).toThrow(ProtocolError);
    expect(() => parseChildLine(done(nested(MAX_JSON_DEPTH + 1)))).toThrow(`child wrote a line nested deeper than ${MAX_JSON_DEPTH} levels`);
    // The line's own object and effects list take three levels.
    expect(parseChildLine(done(nested(MAX_JSON_DEPTH - 3))).type).toBe('done');
  });
});
