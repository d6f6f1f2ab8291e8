// node --test: a campaign that finds a violation fails its test with the summary and replay command.
import { testReplica } from 'byzcheck/node-test';

testReplica('replica.ts', { runs: 300, seed: 1, out: 'reports-node-test' });
