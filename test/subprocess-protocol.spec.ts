import { describe, expect, it } from 'vitest';
import { CommandSyntaxError, splitCommand } from '../src/adapter/subprocess/command.js';
import { LineReader } from '../src/adapter/subprocess/line-reader.js';
import { encodeHarnessLine, parseChildLine, ProtocolError } from '../src/adapter/subprocess/protocol.js';
import { execTarget } from '../src/cli/exec-target.js';
import { UsageError } from '../src/cli/errors.js';

describe('subprocess protocol: child lines', () => {
  it('accepts every effect of the contract inside a done line', () => {
    const line = parseChildLine(JSON.stringify({
      type: 'done',
      effects: [
        { kind: 'send', to: 1, payload: { a: 1 } }, { kind: 'broadcast', payload: null }, { kind: 'setTimer', id: 't', afterMs: 5 },
        { kind: 'cancelTimer', id: 't' }, { kind: 'commit', seq: 1, value: 'd' },
        { kind: 'execute', seq: 1, operation: 'op', result: 'r', origin: { client: 4, requestId: 1 } },
        { kind: 'reply', client: 4, requestId: 1, result: 'r' }, { kind: 'log', message: 'm' },
      ],
    }));
    expect(line.type === 'done' ? line.effects?.length : 0).toBe(8);
  });

  it.each([
    ['{"type":"done","effects":[{"kind":"send","payload":1}]}', "field 'effects[0].to': expected number, but it is missing"],
    ['{"type":"done","effects":[{"kind":"setTimer","id":"t","afterMs":-1}]}', "field 'effects[0].afterMs'"],
    ['{"type":"done","effects":[{"kind":"teleport"}]}', "field 'effects[0].kind'"],
    ['{"type":"verify","signer":1,"data":"x"}', "field 'signature'"],
    ['{"type":"bye"}', "field 'type'"],
    ['{"type":"done","extra":1}', "unknown field(s) 'extra'"],
    ['[1,2]', "field '(the line)'"],
    ['not json', 'not JSON'],
  ])('refuses %s naming the field', (text, expected) => {
    expect(() => parseChildLine(text)).toThrow(ProtocolError);
    expect(() => parseChildLine(text)).toThrow(expected);
  });

  it('encodes harness lines as one JSON line each, never with a raw newline inside', () => {
    const text = encodeHarnessLine({ type: 'message', now: 3, from: 1, payload: { note: 'two\nlines' } });
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => encodeHarnessLine({ type: 'message', now: 0, from: 1, payload: cyclic })).toThrow(ProtocolError);
  });
});

describe('subprocess protocol: the line reader', () => {
  const collect = (max: number, chunks: string[]): { lines: string[]; errors: string[] } => {
    const lines: string[] = [];
    const errors: string[] = [];
    const reader = new LineReader(max, { line: (l) => lines.push(l), overflow: (m) => errors.push(m) });
    for (const c of chunks) reader.push(Buffer.from(c));
    return { lines, errors };
  };

  it('joins lines split across chunks, including a multi-byte character split in two', () => {
    const euro = Buffer.from('€');
    const lines: string[] = [];
    const reader = new LineReader(100, { line: (l) => lines.push(l), overflow: () => undefined });
    reader.push(Buffer.concat([Buffer.from('{"a":"'), euro.subarray(0, 1)]));
    reader.push(Buffer.concat([euro.subarray(1), Buffer.from('"}\r\n{"b":1}\n{"c"')]));
    expect(lines).toEqual(['{"a":"€"}', '{"b":1}']);
  });

  it('stops at a line over the limit, before its newline arrives', () => {
    const { lines, errors } = collect(8, ['12345678\n', '123456789']);
    expect(lines).toEqual(['12345678']);
    expect(errors).toEqual(['child wrote a line longer than the limit of 8 bytes']);
  });
});

describe('--exec commands', () => {
  it('are split like a shell splits quoted words, without running a shell', () => {
    expect(splitCommand(`python3 "my dir/replica.py" --name 'a b' x\\ y`)).toEqual(['python3', 'my dir/replica.py', '--name', 'a b', 'x y']);
    expect(splitCommand(`node -e 'console.log("$HOME")'`)).toEqual(['node', '-e', 'console.log("$HOME")']);
  });

  it.each(['a | b', 'cd x && y', 'echo $HOME', 'run "unterminated', '   '])('refuse %j with a clear error', (command) => {
    expect(() => splitCommand(command)).toThrow(CommandSyntaxError);
    expect(() => execTarget(command)).toThrow(UsageError);
  });
});
