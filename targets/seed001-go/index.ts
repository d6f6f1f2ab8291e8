import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Codec } from '../../src/adapter/contract.js';
import { buildGoBinary } from '../../src/adapter/subprocess/go-build.js';
import { subprocessTarget, type SubprocessTarget } from '../../src/adapter/subprocess/index.js';
import type { Hosting, Pipelining } from '../../src/adapter/subprocess/target.js';
import { TIMEOUT_MS } from '../seed001/node.js';
import { seed001GoCodec } from './codec.js';

/** The Go module of this target (its sources sit beside this file, compiled or not). */
export const MODULE_DIR = dirname(fileURLToPath(import.meta.url));

/** Builds the Go binary when stale (needs `go`: Debian's golang-go) and returns its path. */
export function seed001GoBinary(): string {
  return buildGoBinary(MODULE_DIR, 'seed001-go');
}

/**
 * The Go target: seed 001's own Go code, network and timers rewired to the Go binding. Client,
 * limits and bounds are the in-process port's (`targets/seed001`), so the same scenarios apply.
 * `seedLocking` keeps the seed's mutex in updatePrimaryStatus (it deadlocks: FINDINGS.md);
 * `pipelining` is how far ahead events are written (the default is the subprocess target's).
 */
export function seed001GoTarget(options: { seedLocking?: boolean; pipelining?: Pipelining; hosting?: Hosting } = {}): SubprocessTarget {
  const locking = options.seedLocking === true;
  return subprocessTarget({
    name: locking ? 'seed001-go-seed-locking' : 'seed001-go',
    description: "seed 001's Go PBFT itself, run as a subprocess through the Go binding (go build on first use)",
    command: [seed001GoBinary(), ...(locking ? ['--seed-locking'] : [])],
    codec: seed001GoCodec as Codec<unknown>,
    client: { sendFirstTo: 'all', retransmitMs: TIMEOUT_MS },
    limits: { timeMs: 30_000, events: 300_000 },
    livenessBoundMs: () => 3 * TIMEOUT_MS,
    ...(options.pipelining !== undefined ? { pipelining: options.pipelining } : {}),
    ...(options.hosting !== undefined ? { hosting: options.hosting } : {}),
  });
}

/** The `seed001-go` target. */
export default seed001GoTarget();
