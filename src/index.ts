/** byzcheck's public API: the adapter contract, scenarios, and the check driver. */
export type {
  ClientOptions, ClientReply, ClientRequest, Codec, Effect, HandlerResult, NodeId, PayloadFields,
  Replica, ReplicaConfig, ReplicaContext, ReplicaFactory, RequestOrigin, Target, TimerId,
} from './adapter/contract.js';
export { clientRequestSigningData, DEFAULT_CLIENT_OPTIONS, faultsTolerated } from './adapter/contract.js';
export type { Adversary, AdversaryEnv, AdversarySpace, AnyAdversary } from './adversary.js';
export { defineAdversary, interpose } from './adversary.js';
export {
  all, certificatesOf, coalitionShared, fieldsOf, forwarding, inMask, interceptOutbox, interposeSends, mutateJson, ownTimer, peersOf, rewrite, rewriteDiscovered, RoleBook, roleOf, roleOfType, through, TimerBook, withoutCertificates,
  type MessageRole, type OutboxHooks, type SettledReplica,
} from './strategy-kit.js';
export { createRegistry, type AdversaryModuleRef, type Registry } from './registry.js';
export type { TargetOptionValues, TargetOptionsSchema, TimelinessShape } from './adapter/contract.js';
export { resolveTargetOptions, TargetOptionsError, type GivenTargetOptions } from './adapter/target-options.js';
/** fast-check and zod as byzcheck runs them: a strategy's `params` and `schema` need them, and a module in any folder can import them from 'byzcheck'. */
export { default as fc } from 'fast-check';
export { z } from 'zod';
export type { Property, Violation } from './property.js';
export type { Scenario, RequestPlan, ByzantinePlan, NetworkPlan, RunLimits } from './scenario/types.js';
export { scenarioArbitrary, defaultSpace, type ScenarioSpace } from './scenario/arbitrary.js';
export { parseScenario, ScenarioError } from './scenario/schema.js';
export { runScenario, type RunContext, type RunOutcome } from './check/run-scenario.js';
export { check, replayTraced, type CheckOptions, type CheckResult, type Counterexample, type SearchMode } from './check/driver.js';
export type { RunFacts } from './sim/facts.js';
export type { TraceEvent } from './sim/trace.js';
export { OptionsError } from './check/options-error.js';
export type { Certificate, PayloadPath, SignedItem } from './adapter/contract.js';
export { declaredTarget, readTargetFile, TargetFileError } from './adapter/subprocess/declared-target.js';
/** A child process speaking the subprocess protocol, as a target (what `--exec` and target.json build). */
export { subprocessTarget, type SubprocessTarget, type SubprocessTargetOptions } from './adapter/subprocess/target.js';
export { declaredCodec, canonicalJson } from './adapter/declared/codec.js';
export { targetFileSchema, type TargetFile } from './adapter/declared/target-file.js';
export { BlockSource, blockDigest, executeBlock, ReplyCache, replyFromCache, RequestPool, type Block, type BlockEffects, type BlockSourceOptions } from './adapter/blocks.js';
export type { NotReproduced } from './check/driver.js';
