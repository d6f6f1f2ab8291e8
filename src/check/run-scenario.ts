import type { ReplicaFactory, Target } from '../adapter/contract.js';
import { DEFAULT_CLIENT_OPTIONS, faultsTolerated, type TargetOptionValues } from '../adapter/contract.js';
import { codecFor } from '../adapter/codec-option.js';
import { structureCodec } from '../adapter/discovery.js';
import { RoleBook } from '../adapter/structural-roles.js';
import { resolveTargetOptions } from '../adapter/target-options.js';
import { drainPendingWork } from '../adapter/in-process.js';
import { DEFAULT_HANDLER_SETTLE_MS, SettleWatchdog } from '../adapter/settle-watchdog.js';
import { trackReplicaAsyncWork } from '../adapter/replica-async-context.js';
import type { AnyAdversary } from '../adversary.js';
import { combineTripwires, type Property, type Tripwire } from '../property.js';
import { encodedTable } from '../crypto/encoding.js';
import type { CryptoProvider, CryptoProviderFactory, SignatureTable } from '../crypto/provider.js';
import { symbolicCrypto } from '../crypto/symbolic.js';
import type { Scenario } from '../scenario/types.js';
import type { RunFacts } from '../sim/facts.js';
import type { TraceEvent } from '../sim/trace.js';
import type { StepLimits } from '../sim/step-limits.js';
import { World } from '../sim/world.js';
import { malformingContext } from '../malformed-sends.js';
import type { BehaviourProbe } from './signature.js';

/** How to run scenarios against a target. */
export interface RunContext {
  /** The system under test. */
  readonly target: Target<unknown>;
  /** Every adversary a scenario may name, by name. */
  readonly adversaries: ReadonlyMap<string, AnyAdversary>;
  /** Signature provider; symbolic by default. */
  readonly crypto?: CryptoProviderFactory;
  /** Properties whose tripwires stop a run at the violating event (fast and traced runs alike). */
  readonly properties?: readonly Property[];
  /** End each run once nothing can happen in it but repeats (see src/sim/settle-watch.ts); default false. */
  readonly endWhenSettled?: boolean;
  /** True once runs are no longer wanted (a spent time limit): a run in flight then stops as `cancelled`, never to be judged. */
  readonly cancelled?: () => boolean;
}

/** What one run produced. */
export interface RunOutcome {
  /** The facts properties judge. */
  readonly facts: RunFacts;
  /** The full trace when tracing was on, else null. */
  readonly trace: TraceEvent[] | null;
}

/** Builds the per-slot replica factories: the target's honest code, or an adversary around it. */
export function slotFactories(scenario: Scenario, context: RunContext, crypto?: CryptoProvider): { factories: ReplicaFactory<unknown>[]; honest: boolean[]; faultsFromMs: number } {
  const { target } = context;
  const options = resolveTargetOptions(target, scenario.targetOptions);
  const honestFactory: ReplicaFactory<unknown> = (ctx) => target.createReplica(ctx, options);
  const factories: ReplicaFactory<unknown>[] = [];
  const honest: boolean[] = [];
  for (let i = 0; i < scenario.n; i++) {
    factories.push(honestFactory);
    honest.push(true);
  }
  const coalition = scenario.byzantine.map((b) => b.node);
  const blackboard = new Map<string, unknown>();
  const signatures = signatureTable(crypto);
  let faultsFromMs = Number.POSITIVE_INFINITY;
  const codec = codecFor(target, scenario.targetOptions);
  const roles = rolesFor(codec, signatures.signatures, scenario.n);
  for (const plan of scenario.byzantine) {
    const adversary = context.adversaries.get(plan.adversary);
    if (adversary === undefined) throw new Error(`unknown adversary '${plan.adversary}'`);
    const malformed = plan.malformed ?? [];
    factories[plan.node] = (real) => {
      const ctx = malformed.length === 0 ? real : malformingContext(real, malformed, signatures.signatures);
      return adversary.enact({ ctx, createHonest: honestFactory, codec, coalition, blackboard, ...signatures, ...roles }, plan.params);
    };
    honest[plan.node] = false;
    // Malformed sends may come at any time: such a replica is faulty from the start, whatever its strategy's plan.
    faultsFromMs = Math.min(faultsFromMs, malformed.length > 0 ? 0 : adversary.honestUntilMs?.(plan.params) ?? 0);
  }
  return { factories, honest, faultsFromMs };
}

/** For a target with no codec, the run's role book (one per run, shared by the coalition), read through signed-item discovery. */
function rolesFor(codec: unknown, table: SignatureTable | undefined, n: number): { roles?: RoleBook } {
  return codec !== undefined || table === undefined ? {} : { roles: new RoleBook(structureCodec(undefined, table), n) };
}

/** The provider's issued-signature table as strategies see it (lookups only, hex and base64 forms included), when it keeps one. */
function signatureTable(crypto: CryptoProvider | undefined): { signatures?: SignatureTable } {
  const issued = crypto?.issued;
  return crypto === undefined || issued === undefined ? {} : { signatures: encodedTable((signature) => issued.call(crypto, signature)) };
}

function tripwireOf(properties: readonly Property[] | undefined): { tripwire?: Tripwire } {
  const tripwire = properties === undefined ? undefined : combineTripwires(properties);
  return tripwire === undefined ? {} : { tripwire };
}

function livenessBound(scenario: Scenario, target: Target<unknown>, options: TargetOptionValues): { livenessBoundMs?: number } {
  const bound = target.livenessBoundMs?.({ n: scenario.n, f: faultsTolerated(scenario.n) }, options);
  return bound === undefined ? {} : { livenessBoundMs: bound };
}

function timelinessBound(scenario: Scenario, target: Target<unknown>, options: TargetOptionValues): { timelinessBound?: (delayMsMax: number) => number | undefined } {
  if (target.timelinessBoundMs === undefined) return {};
  const { n, clients } = scenario;
  return { timelinessBound: (delayMsMax) => target.timelinessBoundMs?.({ n, f: faultsTolerated(n), clients, delayMsMax }, options) };
}

function leaderOf(scenario: Scenario, target: Target<unknown>, options: TargetOptionValues): { leaderOf?: (view: number) => number | undefined; leaderTimeoutsMs?: readonly number[] } {
  if (target.leaderOf === undefined) return {};
  const cluster = { n: scenario.n, f: faultsTolerated(scenario.n) };
  const timeouts = target.leaderTimeoutMs === undefined ? {} : { leaderTimeoutsMs: leaderTimeouts(target.leaderTimeoutMs.bind(target), options) };
  return { leaderOf: (view) => target.leaderOf?.(view, cluster, options), ...timeouts };
}

/** View-change counts whose leader timeout is tabulated; more take the last (back-offs are capped well before). */
const TABULATED_VIEW_CHANGES = 32;

function leaderTimeouts(timeout: (viewChanges: number, options: TargetOptionValues) => number, options: TargetOptionValues): readonly number[] {
  return Array.from({ length: TABULATED_VIEW_CHANGES }, (_, k) => timeout(k, options));
}

function stepLimits(target: Target<unknown>): { stepLimits?: Partial<StepLimits> } {
  const messages = target.limits?.messagesPerStep;
  const timers = target.limits?.timersPerStep;
  const queued = target.limits?.queuedEvents;
  if (messages === undefined && timers === undefined && queued === undefined) return {};
  return { stepLimits: { ...(messages === undefined ? {} : { messages }), ...(timers === undefined ? {} : { timers }), ...(queued === undefined ? {} : { queued }) } };
}

function startWorld(scenario: Scenario, context: RunContext, trace: boolean, probe?: BehaviourProbe): { world: World; done: RunFacts | Promise<RunFacts> } {
  // Clients sign their requests, so keys exist for every node, clients included.
  const crypto = (context.crypto ?? symbolicCrypto)(scenario.seed, scenario.n + scenario.clients);
  const slots = slotFactories(scenario, context, crypto);
  const { honest, faultsFromMs } = slots;
  const factories = probe === undefined ? slots.factories : slots.factories.map((f, i) => (honest[i] === true ? probe.wrap(f) : f));
  const options = resolveTargetOptions(context.target, scenario.targetOptions);
  const codec = codecFor(context.target, scenario.targetOptions);
  const world = new World({
    scenario,
    factories,
    honest,
    faultsFromMs,
    client: { ...DEFAULT_CLIENT_OPTIONS, ...context.target.client },
    crypto,
    trace,
    ...(codec !== undefined ? { codec } : {}),
    ...livenessBound(scenario, context.target, options),
    ...timelinessBound(scenario, context.target, options),
    ...leaderOf(scenario, context.target, options),
    drainAfterEachEvent: context.target.drainAfterEachEvent === true,
    ...stepLimits(context.target),
    // The one wall clock of a run, at this edge: the World itself keeps only virtual time.
    settleGuard: new SettleWatchdog(context.target.limits?.handlerSettleMs ?? DEFAULT_HANDLER_SETTLE_MS),
    ...tripwireOf(context.properties),
    ...(context.endWhenSettled === true ? { endWhenSettled: true } : {}),
    ...(context.cancelled !== undefined ? { cancelled: context.cancelled } : {}),
  });
  return { world, done: world.run() };
}

/**
 * Runs one scenario as fast as possible: synchronously for synchronous replicas. Work a replica
 * leaves pending after its handlers return is not watched for; {@link runScenarioChecked} does that.
 */
export function runScenario(scenario: Scenario, context: RunContext, trace = false): RunOutcome | Promise<RunOutcome> {
  const { world, done } = startWorld(scenario, context, trace);
  return done instanceof Promise ? done.then((facts) => ({ facts, trace: world.trace })) : { facts: done, trace: world.trace };
}

/**
 * Runs one scenario, then drains pending work before freezing the facts, so a replica that started
 * async work without returning it is reported as a finding rather than silently losing that work,
 * and so is a rejection of such work (blamed on the replica and event that started it).
 * What campaigns, replays and the vitest helper use; a guided campaign passes a `probe` to read the run's behaviour signature.
 */
export async function runScenarioChecked(scenario: Scenario, context: RunContext, trace = false, probe?: BehaviourProbe): Promise<RunOutcome> {
  // A rejection of replica work nobody awaited surfaces during the drain at the latest: blamed on its replica.
  const untrack = trackReplicaAsyncWork();
  try {
    const { world, done } = startWorld(scenario, context, trace, probe);
    const facts = await done;
    await drainPendingWork();
    world.seal();
    return { facts, trace: world.trace };
  } finally {
    untrack();
  }
}
