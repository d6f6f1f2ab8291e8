import { describe, expect, it } from 'vitest';
import { ADVERSARIES } from '../adversaries/index.js';
import { PROPERTIES } from '../properties/index.js';
import type { Target } from '../src/adapter/contract.js';
import { runScenario } from '../src/check/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import modsmart from '../targets/modsmart/index.js';

/**
 * Found by the 20,000-run bench (modsmart, seed 7, run 16,077): replica 1 misses instance 1, a
 * reconfiguration to n = 5, in a one-round partition and decides instance 2 before executing it, so it
 * counts instance 2's ACCEPTs against the old view (quorum 3). The short proof stayed in its decision
 * log ("first one wins") after the reconfiguration, so every STOPDATA it sent later was invalid under
 * the new view (quorum 4): with the leader R0 crashed, no regency 1–4 leader ever had its 4 valid
 * STOPDATAs, and request 3 was never ordered (liveness).
 */
const RECONFIG_THEN_CRASH = {
  "version": 1,
  "n": 5,
  "clients": 1,
  "requests": [
    {
      "client": 0,
      "atMs": 0,
      "operation": "reconfig add 4"
    },
    {
      "client": 0,
      "atMs": 0,
      "operation": "get a"
    },
    {
      "client": 0,
      "atMs": 0,
      "operation": "get a"
    }
  ],
  "byzantine": [
    {
      "node": 0,
      "adversary": "crash",
      "params": {
        "afterSends": 21
      }
    }
  ],
  "beyondF": false,
  "network": {
    "delayMsMin": 1,
    "delayMsMax": 1,
    "preGstDelayMsMax": 1,
    "dropPercent": 0,
    "duplicatePercent": 0,
    "partitions": [],
    "roundPartitions": [
      {
        "round": 1,
        "groups": [
          1,
          0,
          1,
          1,
          1
        ]
      }
    ]
  },
  "gstMs": 2,
  "limits": {
    "timeMs": 17469,
    "events": 500000
  },
  "seed": 0,
  "tape": []
} as unknown as Scenario;

function violations(): string[] {
  const context = { target: modsmart as Target<unknown>, adversaries: new Map(ADVERSARIES.map((a) => [a.name, a])) };
  const facts = (runScenario(RECONFIG_THEN_CRASH, context) as { facts: RunFacts }).facts;
  return PROPERTIES.flatMap((p) => p.check(facts).map((v) => v.property));
}

describe('Mod-SMaRt after a reconfiguration it learns late', () => {
  it('drops a decision proof counted under the old view, so its STOPDATAs stay valid and a new leader takes over', () => {
    expect(violations()).toEqual([]);
  });
});
