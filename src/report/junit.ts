import type { CheckResult } from '../check/driver.js';
import type { Violation } from '../property.js';
import type { CampaignSettings } from './counterexample-file.js';
import { notReproducedOf, notReproducedText } from './not-reproduced.js';
import { replayCommand } from './report-input.js';
import { describeScenario } from './summary-text.js';

/**
 * Characters XML 1.0 forbids even as references (C0 controls but tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF): shown as a visible `\uXXXX` so the evidence keeps saying what the payload held.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for an XML attribute or element: the five markup characters as entities, forbidden characters as visible escapes. */
export function xmlEscape(text: string): string {
  return text
    .replace(XML_FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** Attribute values keep their line breaks only as references; raw ones are normalised to spaces by XML parsers. */
function attr(text: string): string {
  return xmlEscape(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** What the JUnit report is built from. */
export interface JUnitInput {
  readonly settings: CampaignSettings;
  readonly result: CheckResult;
  readonly seed: number;
  /** Wall-clock seconds the campaign took. */
  readonly elapsedSeconds: number;
  /** Path of counterexample.json as the replay command shows it. */
  readonly reportPath: string;
  /** The signal that stopped the campaign early, if one did. */
  readonly interruptedBy?: string;
}

function evidence(v: Violation): string {
  const parts: string[] = [];
  if (v.nodes.length > 0) parts.push(`nodes ${v.nodes.join(', ')}`);
  if (v.seqs.length > 0) parts.push(`seq ${v.seqs.join(', ')}`);
  if (v.values.length > 0) parts.push(`values ${JSON.stringify(v.values)}`);
  if (v.steps.length > 0) parts.push(`trace steps ${v.steps.join(', ')}`);
  return parts.join('; ');
}

/** The text of one property's failure: every violation with its evidence, the scenario, and last the replay command. */
function failureBody(violations: readonly Violation[], input: JUnitInput): string {
  const cx = input.result.counterexample;
  const lines = violations.flatMap((v) => [v.message, `  evidence: ${evidence(v)}`]);
  if (cx !== null) {
    if (cx.verdict.regime === 'beyond-f') lines.push('expected: more than f faulty replicas, so a safety violation is the expected result');
    lines.push(...notReproducedText(cx), `scenario: ${describeScenario(cx.scenario)}`, `trace hash: ${cx.traceHash}`);
  }
  lines.push(`Replay: ${replayCommand(input.reportPath)}`);
  return lines.join('\n');
}

function testcase(property: string, violations: readonly Violation[], input: JUnitInput): string {
  const open = `    <testcase name="${attr(property)}" classname="byzcheck.${attr(input.settings.target)}" time="0">`;
  if (violations.length === 0) return `${open}</testcase>`;
  const message = violations.map((v) => v.message).join(' | ');
  const type = input.result.counterexample?.verdict.regime === 'beyond-f' ? 'expected-beyond-f' : 'violation';
  return [open, `      <failure message="${attr(message)}" type="${type}">${xmlEscape(failureBody(violations, input))}</failure>`, '    </testcase>'].join('\n');
}

/** The properties to report on: the ones checked, then any violated property the settings did not name. */
function propertyNames(input: JUnitInput, violations: readonly Violation[]): string[] {
  return [...new Set([...input.settings.properties, ...violations.map((v) => v.property)])];
}

function suiteProperties(input: JUnitInput): string {
  const props: [string, string][] = [['seed', String(input.seed)], ['runs', String(input.result.runs)], ['interrupted', String(input.result.interrupted)]];
  if (input.interruptedBy !== undefined) props.push(['interruptedBy', input.interruptedBy]);
  const cx = input.result.counterexample;
  if (cx !== null) props.push(['traceHash', cx.traceHash], ['regime', cx.verdict.regime], ['reproduced', String(notReproducedOf(cx) === null)]);
  return ['    <properties>', ...props.map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`), '    </properties>'].join('\n');
}

/** A JUnit XML report of a campaign (junit.xml): one testsuite named after the target, one testcase per property. */
export function junitXml(input: JUnitInput): string {
  const violations = input.result.counterexample?.verdict.violations ?? [];
  const names = propertyNames(input, violations);
  const cases = names.map((p) => testcase(p, violations.filter((v) => v.property === p), input));
  const failures = names.filter((p) => violations.some((v) => v.property === p)).length;
  const time = input.elapsedSeconds.toFixed(3);
  const counts = `tests="${names.length}" failures="${failures}" errors="0" skipped="0" time="${time}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="byzcheck" ${counts}>`,
    `  <testsuite name="${attr(input.settings.target)}" ${counts}>`,
    suiteProperties(input),
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
