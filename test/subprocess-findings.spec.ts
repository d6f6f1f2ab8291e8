import { afterAll, describe, expect, it } from 'vitest';
import { closeAllChildren, liveChildPids } from '../src/adapter/subprocess/index.js';
import { runScenarioChecked } from '../src/check/run-scenario.js';
import { replicaContract } from '../properties/replica-contract.js';
import type { Scenario } from '../src/scenario/types.js';
import { baseScenario, contextFor } from './fixtures/world-kit.js';
import { childTarget } from './fixtures/subprocess/kit.js';
import type { SubprocessTarget } from '../src/adapter/subprocess/index.js';

const ONE_REQUEST: Scenario = baseScenario({ requests: [{ client: 0, atMs: 0, operation: 'put a 1' }] });

afterAll(closeAllChildren);

/** Runs the one-request scenario and returns the replica-contract findings' messages. */
async function findings(target: SubprocessTarget, scenario: Scenario = ONE_REQUEST): Promise<string[]> {
  const { facts } = await runScenarioChecked(scenario, contextFor(target));
  return replicaContract.check(facts).map((v) => v.message);
}

/** Runs the one-request scenario and returns the findings' details (pid, stderr: never in a message). */
async function details(target: SubprocessTarget): Promise<(string | undefined)[]> {
  const { facts } = await runScenarioChecked(ONE_REQUEST, contextFor(target));
  return facts.replicaErrors.map((e) => e.detail);
}

describe('a misbehaving subprocess replica is a finding about it, never a harness crash', () => {
  it('a well-behaved child runs the scenario with no finding and the client accepts', async () => {
    const target = childTarget('ok');
    const { facts } = await runScenarioChecked(ONE_REQUEST, contextFor(target));
    expect(facts.replicaErrors).toEqual([]);
    expect(facts.accepted.map((a) => a.result)).toEqual(['ok:put a 1']);
  });

  it('a malformed effect names the offending field', async () => {
    const [message] = await findings(childTarget('bad-field'));
    expect(message).toMatch(/^replica 0 failed while handling request from client 4: SubprocessError: .*field 'effects\[0\]\.to': .*expected number/);
  });

  it('a send whose payload is null is no message: a contract finding naming it', async () => {
    const [message] = await findings(childTarget('null-payload'));
    expect(message).toBe('replica 0 failed while handling request from client 4: ContractError: broadcast: the payload must be a message, got null');
  });

  it('a misspelt field is named as an unknown field, and the stderr written before it is quoted beside it, not in it', async () => {
    const [message] = await findings(childTarget('stderr-error'));
    expect(message).toContain("field 'effects[0]': unknown field(s) 'afterMS'");
    expect(message).not.toContain('disk on fire');
    const [detail] = await details(childTarget('stderr-error'));
    expect(detail).toMatch(/^pid \d+; stderr: warning: disk on fire$/);
  });

  it('a payload nested past the depth limit is blamed on the child that wrote it, not on its receivers', async () => {
    const messages = await findings(childTarget('deep-json'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^replica 0 failed while handling request from client 4: SubprocessError: .*nested deeper than 1000 levels/);
    expect(messages[0]).not.toContain('call stack');
  });

  it('a line that is not JSON is quoted in the finding', async () => {
    const [message] = await findings(childTarget('not-json'));
    expect(message).toContain('child wrote a line that is not JSON: "Traceback? no, just some text"');
  });

  it('a line over the limit is refused without buffering it', async () => {
    const [message] = await findings(childTarget('long-line', { maxLineBytes: 1024 }));
    expect(message).toContain('child wrote a line longer than the limit of 1024 bytes');
  });

  it('a child that exits mid-run is reported with its exit code and stderr, and a fresh one serves the next run', async () => {
    const target = childTarget('exit');
    const [message] = await findings(target);
    expect(message).toMatch(/child exited with code 3$/);
    expect((await details(target))[0]).toContain('stderr: fatal: giving up on request 1');
    // The next run gets a respawned child: init and reset work again (the failure repeats only at the request).
    const quiet = await findings(target, baseScenario());
    expect(quiet).toEqual([]);
  });

  it('a child that never answers is stopped by the per-step timeout, confirmed once on a fresh process', async () => {
    const [message] = await findings(childTarget('hang', { stepTimeoutMs: 1_500 }));
    expect(message).toContain('no answer to request 1 of client 4 within the step timeout, twice (the second time on a fresh process fed the same 3 event(s))');
    expect(message).toContain('the last events it got: {"type":"reset"');
  });

  it("an 'error' line from the child is a finding carrying its message, and the child stays usable", async () => {
    const target = childTarget('error-line');
    const [message] = await findings(target);
    expect(message).toContain("child reported an error: cannot handle operation 'put a 1'");
    const before = liveChildPids().sort();
    expect(await findings(target)).toHaveLength(1);
    expect(liveChildPids().sort()).toEqual(before);
  });

  it('a line written outside any step is a protocol finding at the next step', async () => {
    const [message] = await findings(childTarget('outside'));
    expect(message).toContain('child wrote a line outside any step');
  });

  it('a child speaking another protocol version is refused at the handshake', async () => {
    const messages = await findings(childTarget('wrong-version'));
    expect(messages[0]).toContain('child speaks subprocess protocol 9; this byzcheck speaks protocols 1 to 4');
  });

  it('a command that cannot start is a finding, not a crash', async () => {
    const { subprocessTarget } = await import('../src/adapter/subprocess/index.js');
    const target = subprocessTarget({ name: 'missing', command: ['/nonexistent/replica-binary'] });
    const [message] = await findings(target);
    expect(message).toContain('cannot run "/nonexistent/replica-binary"');
  });

  it('signing, verification and randomness are served in-band in the middle of a step', async () => {
    const target = childTarget('sign');
    const { facts, trace } = await runScenarioChecked(ONE_REQUEST, contextFor(target), true);
    expect(facts.replicaErrors).toEqual([]);
    const log = (trace ?? []).find((e) => e.kind === 'log');
    expect(log).toMatchObject({ kind: 'log', node: 0 });
    expect(log?.kind === 'log' ? log.message : '').toMatch(/^sig=\S+ good=True bad=False random=True$/);
  });
});
