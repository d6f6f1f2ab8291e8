import { faultsTolerated } from '../../adapter/contract.js';
import type { NetworkPlan, Scenario } from '../../scenario/types.js';
import { withNetwork, type Minimiser } from './minimiser.js';
import { removeSubsets } from './subsets.js';

/** The same scenario on a cluster of m < n replicas, if its faulty replicas and faults fit. */
function resized(s: Scenario, m: number): Scenario | null {
  if (s.byzantine.some((b) => b.node >= m) || (s.byzantine.length > faultsTolerated(m) && !s.beyondF)) return null;
  const partitions = (s.network.partitions ?? []).map((p) => ({ ...p, side: p.side.filter((r) => r < m) })).filter((p) => p.side.length > 0 && p.side.length < m);
  const roundPartitions = (s.network.roundPartitions ?? []).map((r) => ({ ...r, groups: r.groups.slice(0, m) })).filter((r) => r.groups.some((g) => g !== r.groups[0]));
  const kindLosses = (s.network.kindLosses ?? []).map((k) => ({ ...k, nodes: k.nodes.filter((r) => r < m) })).filter((k) => k.nodes.length > 0 && k.nodes.length < m);
  // Client ids are n + c, so named losses cannot follow a resize: they are dropped.
  return { ...s, n: m, network: { ...s.network, partitions, roundPartitions, kindLosses, lost: [] } };
}

/** Every request of clients ≥ k given to client (c mod k): fewer clients, the same workload. */
function fewerClients(s: Scenario, k: number): Scenario {
  const lost = (s.network.lost ?? []).filter((x) => x.from < s.n + k && x.to < s.n + k);
  return { ...s, clients: k, requests: s.requests.map((r) => ({ ...r, client: r.client % k })), network: { ...s.network, lost } };
}

/** Workload pass: requests (runs, pairs and single ones, at least one kept), clients, and each request issued at once. */
async function workload(m: Minimiser): Promise<boolean> {
  let kept = await removeSubsets(m, { get: (s) => s.requests, set: (s, requests) => ({ ...s, requests }) }, 1);
  kept = (await m.each((s, k) => (k >= 1 ? fewerClients(s, k) : null), (s) => s.clients)) || kept;
  kept = (await m.each((s, i) => (s.requests[i]?.atMs === 0 ? null : { ...s, requests: s.requests.map((r, j) => (j === i ? { ...r, atMs: 0 } : r)) }), (s) => s.requests.length)) || kept;
  return kept;
}

/** Structural pass: cluster size, faulty replicas (pairs too), the workload, and quieter network faults. */
export async function structure(m: Minimiser): Promise<boolean> {
  let kept = false;
  for (const size of m.options.ns) {
    const smaller = size < m.best.scenario.n ? resized(m.best.scenario, size) : null;
    if (smaller !== null && (await m.attempt(smaller))) kept = true;
  }
  kept = (await removeSubsets(m, { get: (s) => s.byzantine, set: (s, byzantine) => ({ ...s, byzantine }) })) || kept;
  kept = (await workload(m)) || kept;
  const quiet: Partial<NetworkPlan>[] = [{ dropPercent: 0 }, { duplicatePercent: 0 }, { preGstDelayMsMax: m.best.scenario.network.delayMsMax }, { delayMsMax: m.best.scenario.network.delayMsMin }];
  for (const change of quiet) if (await m.attempt(withNetwork(m.best.scenario, change))) kept = true;
  return kept;
}
