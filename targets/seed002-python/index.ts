import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Codec } from '../../src/adapter/contract.js';
import { subprocessTarget, type SubprocessTarget, type SubprocessTargetOptions } from '../../src/adapter/subprocess/index.js';
import { seed002Codec, SEED002_RETRANSMIT_MS, seed002LivenessBoundMs } from '../seed002/index.js';

/** The Python replica program. */
export const REPLICA_PY = join(dirname(fileURLToPath(import.meta.url)), 'replica.py');

/**
 * Seed 002's node as a Python 3 program speaking the subprocess protocol: the same logic, messages,
 * codec and bounds as the in-process `seed002` target, so both give identical traces. `overrides`
 * change how it is run (another command, another pipelining), never what it does.
 */
export function seed002PythonTarget(overrides: Partial<SubprocessTargetOptions> = {}): SubprocessTarget {
  return subprocessTarget({
    name: 'seed002-python',
    description: "seed 002's PBFT node as a Python subprocess replica: primary fixed at 0, no view change",
    command: ['python3', REPLICA_PY],
    codec: seed002Codec as Codec<unknown>,
    client: { sendFirstTo: 'replica0', retransmitMs: SEED002_RETRANSMIT_MS },
    limits: { timeMs: 10_000, events: 200_000 },
    livenessBoundMs: () => seed002LivenessBoundMs(),
    ...overrides,
  });
}

/** The `seed002-python` target. */
export default seed002PythonTarget();
