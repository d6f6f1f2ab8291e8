import type { ClientOptions } from '../adapter/contract.js';
import { GenericClient, type ClientHost } from '../client/generic-client.js';
import type { RequestPlan, Scenario } from '../scenario/types.js';

/**
 * Starts each client of `scenario` with its requests in time order, adding it to `clients` before
 * it starts (called after the replicas are created: their inits come first).
 */
export function startClients(scenario: Scenario, f: number, options: ClientOptions, host: ClientHost, clients: GenericClient[]): void {
  const byClient: RequestPlan[][] = [];
  for (let c = 0; c < scenario.clients; c++) byClient.push([]);
  for (const plan of scenario.requests) byClient[plan.client]?.push(plan);
  for (let c = 0; c < scenario.clients; c++) {
    const plans = (byClient[c] as RequestPlan[]).slice().sort((a, b) => a.atMs - b.atMs);
    const client = new GenericClient(scenario.n + c, plans, scenario.n, f, options, host);
    clients.push(client);
    client.start();
  }
}
