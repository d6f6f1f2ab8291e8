/**
 * PBFT throughput: scenarios/s and deliveries/s of the reference replica for n = 4 and n = 10,
 * 10 requests from one client, no faults, with symbolic and with (cached) ed25519 signatures;
 * medians of several repetitions. Then where the time goes: a run with every replica handler,
 * context call and signature operation timed (the timing itself costs, so those shares are
 * approximate). Prints figures only. Run: npx tsx bench/pbft-throughput.ts
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Replica, ReplicaContext, ReplicaFactory, Target } from '../src/adapter/contract.js';
import { interpose } from '../src/adversary.js';
import { tuneGarbageCollection } from '../src/campaign/gc-tuning.js';
import { runScenario } from '../src/check/run-scenario.js';
import { ed25519Crypto } from '../src/crypto/ed25519.js';
import type { CryptoProvider, CryptoProviderFactory } from '../src/crypto/provider.js';
import { symbolicCrypto } from '../src/crypto/symbolic.js';
import type { Scenario } from '../src/scenario/types.js';
import type { RunFacts } from '../src/sim/facts.js';
import pbft from '../targets/pbft/index.js';

const OPS = ['put a 7', 'get a', 'transfer 10 alice bob', 'transfer 100 from Alice to Bob', 'balance bob', 'get b', 'put b 3', 'frobnicate', 'get b', 'transfer 2000 bob carol'];
const REPETITIONS = 7;
/** Distinct seeds per repetition; ed25519 runs reuse them so its caches are warm, as in a campaign's replays. */
const SEEDS = 20;

function scenario(n: number, seed: number): Scenario {
  return {
    version: 1, n, clients: 1,
    requests: OPS.map((operation, i) => ({ client: 0, atMs: i, operation })),
    byzantine: [], beyondF: false,
    network: { delayMsMin: 1, delayMsMax: 10, preGstDelayMsMax: 10, dropPercent: 0 },
    gstMs: 0, limits: { timeMs: 20_000, events: 500_000 }, seed, tape: [],
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

interface Rate {
  readonly scenariosPerS: number;
  readonly deliveriesPerS: number;
}

function runBatch(target: Target<unknown>, n: number, count: number, crypto: CryptoProviderFactory): Rate {
  const context = { target, adversaries: new Map(), crypto };
  let deliveries = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const { facts } = runScenario(scenario(n, 1 + (i % SEEDS)), context) as { facts: RunFacts };
    if (facts.accepted.length !== OPS.length) throw new Error(`run ${i} (n=${n}) did not complete`);
    deliveries += facts.deliveries;
  }
  const s = (performance.now() - t0) / 1000;
  return { scenariosPerS: count / s, deliveriesPerS: deliveries / s };
}

function measure(target: Target<unknown>, n: number, crypto: CryptoProviderFactory): Rate {
  const count = n === 4 ? 2_000 : 300;
  runBatch(target, n, Math.min(count, 200), crypto); // warm-up: JIT, and the ed25519 caches
  const rates: Rate[] = [];
  for (let r = 0; r < REPETITIONS; r++) rates.push(runBatch(target, n, count, crypto));
  return {
    scenariosPerS: median(rates.map((x) => x.scenariosPerS)),
    deliveriesPerS: median(rates.map((x) => x.deliveriesPerS)),
  };
}

// ---- where the time goes ------------------------------------------------------------------------

const clock = { handlers: 0, effects: 0, crypto: 0, calls: 0 };

function timed<A extends unknown[], R>(fn: (...args: A) => R, bucket: 'handlers' | 'effects' | 'crypto'): (...args: A) => R {
  return (...args: A): R => {
    const t0 = performance.now();
    try {
      return fn(...args);
    } finally {
      clock[bucket] += performance.now() - t0;
      clock.calls++;
    }
  };
}

/** The target with every handler, effect call and signature operation timed. */
function instrumented(): Target<unknown> {
  const create = pbft.createReplica as ReplicaFactory<unknown>;
  return {
    ...(pbft as Target<unknown>),
    createReplica: (ctx: ReplicaContext<unknown>): Replica<unknown> => {
      // The world's context keeps its methods on its prototype: bind them before wrapping.
      const inner = create(interpose(ctx, {
        send: timed(ctx.send.bind(ctx), 'effects'), broadcast: timed(ctx.broadcast.bind(ctx), 'effects'),
        setTimer: timed(ctx.setTimer.bind(ctx), 'effects'), cancelTimer: timed(ctx.cancelTimer.bind(ctx), 'effects'),
        commit: timed(ctx.commit.bind(ctx), 'effects'), execute: timed(ctx.execute.bind(ctx), 'effects'), reply: timed(ctx.reply.bind(ctx), 'effects'),
        sign: timed(ctx.sign.bind(ctx), 'crypto'), verify: timed(ctx.verify.bind(ctx), 'crypto'),
      }));
      return {
        init: timed(() => inner.init?.(), 'handlers'),
        onMessage: timed((from, payload) => inner.onMessage(from, payload), 'handlers'),
        onRequest: timed((request) => inner.onRequest(request), 'handlers'),
        onTimer: timed((id) => inner.onTimer?.(id), 'handlers'),
      };
    },
  };
}

/** Cost of one timing wrapper (two clock reads), to take out of the handler share. */
function timerOverheadMs(): number {
  const loops = 200_000;
  const f = timed(() => 0, 'effects');
  const t0 = performance.now();
  for (let i = 0; i < loops; i++) f();
  const per = (performance.now() - t0) / loops;
  clock.effects = 0;
  clock.calls = 0;
  return per;
}

function breakdown(n: number, crypto: CryptoProviderFactory): string {
  const target = instrumented();
  const overhead = timerOverheadMs();
  runBatch(target, n, 100, crypto);
  const count = n === 4 ? 1_000 : 150;
  clock.handlers = clock.effects = clock.crypto = clock.calls = 0;
  const t0 = performance.now();
  runBatch(target, n, count, crypto);
  const total = performance.now() - t0 - clock.calls * overhead;
  // Nested calls each add their own wrapper cost to the handler that made them.
  const nested = clock.calls * overhead;
  const replica = Math.max(0, clock.handlers - clock.effects - clock.crypto - nested);
  const pct = (x: number): string => `${((100 * x) / total).toFixed(0)}%`;
  return `replica logic ${pct(replica)} · signatures ${pct(clock.crypto)} · harness ${pct(total - replica - clock.crypto)} (effects inside handlers ${pct(clock.effects)})`;
}

// ---- report -------------------------------------------------------------------------------------

tuneGarbageCollection(); // as `byzcheck` does: the figures are those of its runs
const providers: readonly [string, CryptoProviderFactory][] = [['symbolic', symbolicCrypto], ['ed25519 (cached)', ed25519Crypto]];
const rows: string[][] = [['n', 'crypto', 'scenarios/s', 'deliveries/s']];
for (const n of [4, 10]) {
  for (const [name, crypto] of providers) {
    const rate = measure(pbft as Target<unknown>, n, crypto);
    rows.push([String(n), name, rate.scenariosPerS.toFixed(0), rate.deliveriesPerS.toFixed(0)]);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log(`PBFT throughput: 10 requests, 1 client, no faults; medians of ${REPETITIONS} repetitions (ed25519: ${SEEDS} seeds, caches warm)`);
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores (wall-clock figures drop on a busy machine)\n`);
for (const r of rows) console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
console.log('\nWhere the time goes (symbolic crypto; per-call timing, approximate):');
for (const n of [4, 10]) console.log(`  n=${String(n).padEnd(2)}  ${breakdown(n, symbolicCrypto)}`);

/** Keeps the provider type referenced for readers of this file. */
export type { CryptoProvider };
