// Plain node, ESM: every public entry point loads and exposes its API.
import { check, faultsTolerated, parseScenario } from 'byzcheck';
import { assertReplica, ByzcheckViolation } from 'byzcheck/vitest';
import { testReplica } from 'byzcheck/node-test';

const kinds = [check, parseScenario, assertReplica, ByzcheckViolation, testReplica].map((f) => typeof f);
console.log(`esm ok f(4)=${faultsTolerated(4)} ${kinds.join(',')}`);
