import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byzcheck } from '../fixtures/cli.js';

const out = mkdtempSync(join(tmpdir(), 'byzcheck-missing-'));

describe('--exec of a program that cannot serve as a replica is a setup error, found before the campaign', () => {
  it('a program that does not exist: exit 2, naming it', () => {
    const r = byzcheck('run', '--exec', 'no-such-replica-program --fast', '--seed', '1', '--out', out, '--no-progress');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--exec "no-such-replica-program --fast": cannot start 'no-such-replica-program': no such program`);
    expect(r.stdout).not.toContain('violation');
  });

  it('a program that starts but fails the handshake: exit 2, with what it wrote on stderr', () => {
    const r = byzcheck('run', '--exec', 'python3 /nonexistent/replica.py', '--seed', '1', '--out', out, '--no-progress');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the program started but failed the subprocess protocol handshake: child exited with code 2');
    expect(r.stderr).toMatch(/stderr: .*can't open file '\/nonexistent\/replica\.py'/);
  });

  it('a program speaking another protocol version: exit 2, saying so', () => {
    const r = byzcheck('sweep', '--exec', 'python3 test/fixtures/subprocess/child.py wrong-version', '--n', '4', '--malicious', '0', '--trials', '1', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('child speaks subprocess protocol 9; this byzcheck speaks protocols 1 to 4');
  });
});
