import { beforeAll, describe, expect, it } from 'vitest';
import type { Counterexample } from '../src/check/driver.js';
import { counterexampleMarkdown, fenced, markdownText } from '../src/report/markdown.js';
import { abbreviate, messageLabel, truncate } from '../src/report/message-label.js';
import { mermaidText, sequenceDiagram } from '../src/report/mermaid.js';
import type { Scenario } from '../src/scenario/types.js';
import { codec, ev, HOSTILE, inject, naiveCampaign, settings } from './report-fixtures.js';

let cx: Counterexample;
beforeAll(async () => {
  cx = (await naiveCampaign()).counterexample;
});

function diagramOf(markdown: string): string {
  const match = /\n```mermaid\n([\s\S]*?)\n```\n/.exec(markdown);
  if (match?.[1] === undefined) throw new Error('no mermaid block');
  return match[1];
}

const scenario = (over: Partial<Scenario> = {}): Scenario => ({
  version: 1, n: 4, clients: 1, requests: [], byzantine: [{ node: 0, adversary: 'equivocator', params: {} }], beyondF: false,
  network: { delayMsMin: 1, delayMsMax: 1, preGstDelayMsMax: 1, dropPercent: 0 }, gstMs: 0, limits: { timeMs: 1000, events: 100 }, seed: 0, tape: [], ...over,
});

describe('mermaidText', () => {
  it('writes grammar and markup characters as Mermaid entity codes and flattens line breaks', () => {
    expect(mermaidText('a;b#c<d>e&f"g%h{i}j|k`l\\m')).toBe('a#59;b#35;c#60;d#62;e#38;f#34;g#37;h#123;i#125;j#124;k#96;l#92;m');
    expect(mermaidText('one\ntwo\r\nthree\u2028four\u0007')).toBe('one two three four ');
  });

  it('leaves no raw special character however hostile the input', () => {
    const text = mermaidText(`${HOSTILE};%%{init: {}}%%\n#x;`);
    expect(text).not.toMatch(/[<>\n{}%"`|\\]|(?<!#\d+);|#(?!\d+;)/);
  });
});

describe('sequenceDiagram', () => {
  it('has one participant per replica and client, labels faulty ones, and draws deliveries, drops and notes', () => {
    const commit = ev.commit(2, 1, 1, 'v');
    const diagram = sequenceDiagram({
      scenario: scenario(),
      events: [ev.submit(0, 4, 1, 'op'), ev.deliver(1, 1, 4, 0, '{"client":4,"requestId":1,"operation":"op"}'), ev.drop(1, 0, 2, 'partition'), ev.deliver(2, 2, 0, 1, '{"seq":1,"value":"v","client":4,"requestId":1}'), commit],
      violating: new Set([commit]),
      codec,
    });
    expect(diagram.split('\n')).toEqual([
      'sequenceDiagram',
      '  participant R0 as R0 (equivocator)',
      '  participant R1',
      '  participant R2',
      '  participant R3',
      '  participant C4 as C4 (client)',
      '  Note over C4: submit request 1: op',
      '  C4->>R0: request 1: op',
      '  R0-xR2: dropped (partition): VALUE',
      '  R0->>R1: VALUE seq 1 d=v',
      '  rect rgb(255, 220, 220)',
      '  Note over R1: ⚠ commit seq 1 = v',
      '  end',
    ]);
  });

  it('merges an execution into the note of its commit', () => {
    const diagram = sequenceDiagram({ scenario: scenario(), events: [ev.commit(3, 2, 1, 'x'), ev.execute(3, 2, 1, 'x')], violating: new Set() });
    expect(diagram).toContain('Note over R2: commit seq 1 = x → ok:x');
    expect(diagram).not.toContain('execute');
  });
});

describe('message labels', () => {
  it('uses codec fields for protocol messages and falls back to the payload\'s fields without a codec or on garbage', () => {
    expect(messageLabel('{"seq":3,"value":"v","client":4,"requestId":1}', 0, 1, 4, codec)).toBe('VALUE seq 3 d=v');
    expect(messageLabel('{"seq":3}', 0, 1, 4)).toBe('seq 3');
    expect(messageLabel('{"type":"ORDER","seq":1,"op":"get a","batch":[1]}', 0, 1, 4)).toBe('ORDER seq 1, op "get a", batch …');
    const throwing = { fields: (): never => { throw new Error('bad payload'); } };
    expect(messageLabel('{"a":1}', 0, 1, 4, throwing)).toBe('a 1');
    expect(messageLabel('[1,2]', 0, 1, 4, throwing)).toBe('[1,2]');
    expect(messageLabel('not json', 0, 1, 4, codec)).toBe('not json');
    expect(messageLabel(`{"junk":"${'y'.repeat(100)}"}`, 0, 1, 4).length).toBeLessThanOrEqual(40);
  });

  it('cuts long values in the middle so values differing at the end stay distinguishable', () => {
    expect(abbreviate('get a long value~1', 10)).toBe('get a…ue~1');
    expect(abbreviate('short', 10)).toBe('short');
  });

  it('cuts labels at word boundaries, never inside a word when a boundary is near', () => {
    expect(abbreviate('VALUE seq 2 d=transfer 0 alice alice', 28)).toBe('VALUE seq 2 d…0 alice alice');
    expect(truncate('hello wonderful world of things', 20)).toBe('hello wonderful…');
    expect(truncate('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('counterexampleMarkdown', () => {
  it('has a title naming the violated properties, a summary, the replay command and a Mermaid diagram of the causal slice', () => {
    const md = counterexampleMarkdown({ settings, counterexample: cx, reportPath: 'reports/naive-broadcast-seed1/counterexample.json', codec });
    const properties = [...new Set(cx.verdict.violations.map((v) => v.property))];
    expect(md.split('\n')[0]).toBe(`# Counterexample: ${properties.join(', ')} violated`);
    expect(md).toContain('## What broke');
    expect(md).toContain('**Regime: within f**');
    expect(md).toContain('```sh\nnpx byzcheck replay reports/naive-broadcast-seed1/counterexample.json\n```');
    const diagram = diagramOf(md);
    expect(diagram.startsWith('sequenceDiagram\n')).toBe(true);
    expect(diagram).toContain('participant R0 as R0 (equivocator)');
    expect(diagram).toContain('rect rgb(255, 220, 220)');
    expect(diagram).toMatch(/R0->>R1: (⚠ equivocation · )?VALUE seq 1 d=/);
  });

  it('says which of the faulty replica\'s messages were equivocations, with the diff against what it sent others', () => {
    const md = counterexampleMarkdown({ settings, counterexample: cx, reportPath: 'x.json', codec });
    expect(md).toContain('## Forged or altered messages');
    expect(md).toMatch(/R0 → R\d VALUE seq 1 .*differs from what R0 sent R\d at step \d+ \(equivocation\): value: /);
    expect(diagramOf(md)).toMatch(/R0->>R\d: ⚠ equivocation · VALUE seq 1/);
  });

  it('labels a beyond-f counterexample as expected', () => {
    const beyond = { ...cx, verdict: { ...cx.verdict, regime: 'beyond-f' as const } };
    expect(counterexampleMarkdown({ settings, counterexample: beyond, reportPath: 'x.json' })).toContain('expected: more than f faulty');
  });

  it('keeps hostile payload text inert: no raw markup outside code blocks, nothing breaking the diagram', () => {
    const md = counterexampleMarkdown({ settings, counterexample: inject(cx, 'get a', `${HOSTILE}\n\`\`\`;#`), reportPath: 'x.json', codec });
    const prose = md.replace(/\n```[a-z]*\n[\s\S]*?\n```\n/g, '\n');
    expect(prose).not.toMatch(/(?<!\\)</);
    const diagram = diagramOf(md);
    for (const line of diagram.split('\n').slice(1)) expect(line).toMatch(/^ {2}(participant |Note over |rect |end$|[RC]\d+(-(>>|x)|--x)[RC]\d+: )/);
    const labels = diagram.split('\n').map((l) => l.split(': ').slice(1).join(': '));
    for (const label of labels) expect(label).not.toMatch(/[<>]|(?<!#\d+);|#(?!\d+;)/);
  });

  it('fences code so that backticks inside cannot close the block', () => {
    expect(fenced('a ```` b', 'sh')).toBe('`````sh\na ```` b\n`````');
    expect(markdownText('*x* [y](z) <b>|`')).toBe('\\*x\\* \\[y\\](z) \\<b\\>\\|\\`');
  });
});
