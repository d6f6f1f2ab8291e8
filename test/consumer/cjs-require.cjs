// Plain node, CommonJS: require() of the ES module package (no top-level await in its graph).
const byzcheck = require('byzcheck');
const { assertReplica } = require('byzcheck/vitest');
const { testReplica } = require('byzcheck/node-test');

console.log(`require ok f(7)=${byzcheck.faultsTolerated(7)} ${typeof byzcheck.check},${typeof assertReplica},${typeof testReplica}`);
