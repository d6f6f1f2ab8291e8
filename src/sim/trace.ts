import type { NodeId } from '../adapter/contract.js';

/**
 * One recorded event of a traced run. `step` is the index of the event being processed when it was
 * recorded (a delivery's sends share its step); `msg` links a send to its delivery. Payloads are
 * kept as JSON text, frozen at the time of sending.
 */
export type TraceEvent =
  | { readonly step: number; readonly t: number; readonly kind: 'send'; readonly msg: number; readonly from: NodeId; readonly to: NodeId; readonly payload: string; readonly at: number }
  | { readonly step: number; readonly t: number; readonly kind: 'drop'; readonly from: NodeId; readonly to: NodeId; readonly payload: string; readonly reason: 'partition' | 'kind' | 'tape' | 'lost' }
  | { readonly step: number; readonly t: number; readonly kind: 'deliver'; readonly msg: number; readonly from: NodeId; readonly to: NodeId; readonly payload: string }
  | { readonly step: number; readonly t: number; readonly kind: 'timer'; readonly node: NodeId; readonly id: string }
  | { readonly step: number; readonly t: number; readonly kind: 'commit'; readonly node: NodeId; readonly seq: number; readonly value: string }
  | { readonly step: number; readonly t: number; readonly kind: 'execute'; readonly node: NodeId; readonly seq: number; readonly operation: string; readonly result: string }
  | { readonly step: number; readonly t: number; readonly kind: 'install'; readonly node: NodeId; readonly seq: number; readonly digest: string }
  | { readonly step: number; readonly t: number; readonly kind: 'membership'; readonly node: NodeId; readonly fromSeq: number; readonly members: readonly NodeId[] }
  | { readonly step: number; readonly t: number; readonly kind: 'submit'; readonly node: NodeId; readonly requestId: number; readonly operation: string }
  | { readonly step: number; readonly t: number; readonly kind: 'accept'; readonly node: NodeId; readonly requestId: number; readonly result: string }
  | { readonly step: number; readonly t: number; readonly kind: 'log'; readonly node: NodeId; readonly message: string }
  | { readonly step: number; readonly t: number; readonly kind: 'error'; readonly node: NodeId; readonly message: string };

/** Kinds of trace events. */
export type TraceKind = TraceEvent['kind'];

export { payloadText } from './payload-text.js';
